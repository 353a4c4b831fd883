"""POST /transfers/{transfer_id}/accept: the receiving agent takes the transfer."""

from mangum import Mangum

from functions.api.move_app import create_move_app
from functions.domain.lifecycle import Action

app = create_move_app(Action.accept, __doc__)
handler = Mangum(app, lifespan="off")
