"""The ticket view: a support case opened in the window (details, requests, recorded exchanges,
Reproduce on the sandbox, Compare, bundles). The logic is ``ctct_desktop.tickets``'; this is its face."""
