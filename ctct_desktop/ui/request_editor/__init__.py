"""The request editor: method, URI, query parameters, headers, body, auth and options."""
