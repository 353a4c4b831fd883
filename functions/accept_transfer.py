"""POST /transfers/{transfer_id}/accept: the receiving agent takes the transfer."""

from mangum import Mangum

from functions.core.lifecycle import Action
from functions.core.move_app import create_move_app

app = create_move_app(Action.accept)
handler = Mangum(app, lifespan="off")
