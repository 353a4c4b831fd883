"""POST /transfers/{transfer_id}/abandon: the caller is gone (services): the transfer ends
`abandoned`, its offers withdrawn, its agent freed."""

from mangum import Mangum

from functions.api.move_app import create_move_app
from functions.domain.lifecycle import Action

app = create_move_app(Action.abandon, __doc__)
handler = Mangum(app, lifespan="off")
