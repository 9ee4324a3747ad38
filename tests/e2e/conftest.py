from tests.ui.dialogs_guard import unanswered_questions  # noqa: F401 - autouse fixture
