from tests.ui.dialogs_guard import unanswered_questions  # noqa: F401 - autouse fixture
from tests.ui.conftest import sandbox_workbench  # noqa: E402,F401 - the real window on the sandbox
