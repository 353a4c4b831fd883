"""POST /transfers/{transfer_id}/complete: the receiving agent has the caller; done."""

from mangum import Mangum

from functions.core.lifecycle import Action
from functions.core.move_app import create_move_app

app = create_move_app(Action.complete)
handler = Mangum(app, lifespan="off")
