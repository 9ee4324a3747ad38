"""Hand requests to another tool: a Postman collection (v2.1) or a HAR 1.2 log. No Qt.

Pure functions from request models to JSON text; secrets never written (an auth secret is kept only
as its ``{{variable}}`` reference, or becomes one), so the files can go into a ticket as they are.
"""

from ctct_desktop.exporters.har import har_document, har_text
from ctct_desktop.exporters.postman import ExportItem, postman_collection, postman_text

__all__ = ["ExportItem", "har_document", "har_text", "postman_collection", "postman_text"]
