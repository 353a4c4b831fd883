"""POST /transfers/{transfer_id}/complete: the receiving agent has the caller; done."""

from mangum import Mangum

from functions.api.move_app import create_move_app
from functions.domain.lifecycle import Action

app = create_move_app(Action.complete, __doc__)
handler = Mangum(app, lifespan="off")
