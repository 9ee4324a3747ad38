"""The small pages the loopback listener shows in the browser.

FRAGMENT_PAGE is the client-flow hand-off: browsers keep the ``#access_token=..`` fragment to
themselves, so this script POSTs it back to the listener and then wipes it from the address bar.
"""

from __future__ import annotations

_STYLE = ("body{font-family:system-ui,sans-serif;margin:3em auto;max-width:32em;color:#222}"
          "h1{font-size:1.3em}")

DONE_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CTCT Desktop: signed in</title>
<style>{_STYLE}</style></head>
<body><h1>Signed in</h1><p>CTCT Desktop has received the authorization. You can close this tab and
return to the app.</p></body></html>
"""

FAILED_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CTCT Desktop: sign-in not completed</title>
<style>{_STYLE}</style></head>
<body><h1>Sign-in not completed</h1><p>CTCT Desktop did not receive an authorization. Return to the
app: it explains what happened and how to try again.</p></body></html>
"""

FRAGMENT_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CTCT Desktop: finishing sign-in</title>
<style>{_STYLE}</style></head>
<body><h1 id="title">Finishing sign-in…</h1><p id="text">Handing the token to CTCT Desktop.</p>
<noscript><p>This step needs JavaScript: the token is in the address bar fragment, which only a
script on this page can pass to the app.</p></noscript>
<script>
(function () {{
  var fragment = window.location.hash.replace(/^#/, "");
  var title = document.getElementById("title"), text = document.getElementById("text");
  history.replaceState(null, "", window.location.pathname);
  if (!fragment) {{
    title.textContent = "Sign-in not completed";
    text.textContent = "No token arrived in the address. Return to CTCT Desktop and try again.";
    return;
  }}
  fetch(window.location.pathname, {{
    method: "POST",
    headers: {{"Content-Type": "application/x-www-form-urlencoded"}},
    body: fragment
  }}).then(function (reply) {{
    title.textContent = reply.ok ? "Signed in" : "Sign-in not completed";
    text.textContent = reply.ok ? "You can close this tab and return to CTCT Desktop."
                                : "CTCT Desktop refused this callback. Return to the app and try again.";
  }}, function () {{
    title.textContent = "Sign-in not completed";
    text.textContent = "CTCT Desktop is no longer listening. Return to the app and try again.";
  }});
}})();
</script></body></html>
"""
