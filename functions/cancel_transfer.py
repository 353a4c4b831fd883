"""POST /transfers/{transfer_id}/cancel: call the transfer off."""

from mangum import Mangum

from functions.core.lifecycle import Action
from functions.core.move_app import create_move_app

app = create_move_app(Action.cancel)
handler = Mangum(app, lifespan="off")
