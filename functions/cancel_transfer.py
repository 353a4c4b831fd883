"""POST /transfers/{transfer_id}/cancel: call the transfer off."""

from mangum import Mangum

from functions.api.move_app import create_move_app
from functions.domain.lifecycle import Action

app = create_move_app(Action.cancel, __doc__)
handler = Mangum(app, lifespan="off")
