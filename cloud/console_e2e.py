#!/usr/bin/env python3
"""Browser tests of the operator console in a real headless Chromium (Debian's package, driven by Playwright).

usage: console_e2e.py --env-file .local/run/env [--chromium /usr/bin/chromium] [--screens DIR]
Part of the end-to-end step of `./tact test`, against the running stack (identity provider, console, services).
It uploads a file of its own, then:
  - signs in as a viewer: sees that file; no download, switch, replay or purge buttons; the API refuses a change;
    signs out, and the console's API then answers 401;
  - signs in as an operator: turns the partner switch of the file's bucket off and on, downloads the file;
  - the identity provider's "fsr" behaviour: an expired password is refused with the right message;
  - the identity provider's staging failure modes: the services answer 401 or 503, never 500;
  - every page at 1280x800 and 1366x768 (a laptop) without horizontal scrolling (screenshots kept in --screens).
Exits non-zero with the list of what failed.
"""
import argparse
import base64
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3
from botocore.config import Config
from playwright.sync_api import sync_playwright

from localenv import access_token, read_env

FAILURES = []
PAGES = ["files", "deliveries", "queues", "alerts", "partners", "s3"]


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        FAILURES.append(what)
    return condition


def http(method, url, body=None, token=None, headers=None, form=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, method=method, data=data)
    request.add_header("Content-Type", "application/x-www-form-urlencoded" if form is not None else "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=15) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text.startswith(("{", "[")) else text)
    except urllib.error.HTTPError as e:
        text = e.read().decode(errors="replace")
        return e.code, text


def upload(env):
    """A small valid allocations file of this run, landed and DONE before the browser looks."""
    bucket_id = "CONSOLE-" + uuid.uuid4().hex[:8].upper()
    body = ("bucket_id,security_id,weight,effective_date,source,currency,asset_class\n"
            f"{bucket_id},US0378331005,60,2026-11-25,CUSTODIAN,USD,EQUITY\n"
            f"{bucket_id},US5949181045,40,2026-11-25,CUSTODIAN,USD,EQUITY\n").encode()
    key = f"incoming/allocations/console-e2e-{bucket_id.lower()}.csv"
    s3 = boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], region_name=env["AWS_REGION"],
                      aws_access_key_id=env["AWS_ACCESS_KEY_ID"], aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
                      config=Config(s3={"addressing_style": "path"}))
    s3.put_object(Bucket=env["TACT_INBOUND_BUCKET"], Key=key, Body=body, ContentType="text/csv")
    deadline = time.time() + 90
    while time.time() < deadline:
        status, files = http("GET", env["TACT_INBOUND_URL"] + "/api/files?limit=100", token=access_token(env))
        hit = [f for f in files if f["key"] == key] if status == 200 else []
        if hit and hit[0]["status"] in ("DONE", "REJECTED", "FAILED"):
            check(hit[0]["status"] == "DONE", f"the uploaded file {key} is DONE")
            return key, bucket_id, body
        time.sleep(1)
    check(False, f"the uploaded file {key} landed within 90 s")
    return key, bucket_id, body


def sign_in(browser, env, user, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.goto(env["TACT_CONSOLE_URL"] + "/")
    page.wait_for_selector("input[name=username]", timeout=30_000)   # the identity provider's sign-in page
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", env["TACT_DEV_PASSWORD"])
    page.click("#sign-in")
    page.wait_for_selector("#who:not(:empty)", timeout=30_000)
    return context, page


def show(page, view, ready="#content"):
    page.goto(page.url.split("#")[0] + "#/" + view)
    page.wait_for_selector(ready, timeout=20_000)


def api_from_page(page, method, path, body=None):
    """A call from the signed-in page, as its own script would make it (session cookie + CSRF header)."""
    return page.evaluate("""async ([method, path, body]) => {
        const xsrf = (document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')) || '').slice(11);
        const r = await fetch(path, { method, credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(xsrf) },
            body: body === null ? undefined : JSON.stringify(body) });
        return r.status;
    }""", [method, path, body])


def viewer(browser, env, key, bucket_id):
    context, page = sign_in(browser, env, "viewer")
    check("viewer" in page.inner_text("#who"), "the viewer is signed in and named in the header")
    show(page, "files", f'tr[data-key="{key}"]')
    check(page.locator(f'tr[data-key="{key}"]').count() == 1, "the viewer sees the uploaded file in the file list")
    check(page.locator(".download").count() == 0, "the viewer gets no download links")
    show(page, "partners")
    check(page.locator('button:has-text("Turn off")').count() == 0, "the viewer gets no partner switch buttons")
    show(page, "deliveries")
    check(page.locator('button:has-text("Replay")').count() == 0, "the viewer gets no replay buttons")
    show(page, "queues")
    check(page.locator('button:has-text("Purge")').count() == 0 and page.locator('button:has-text("Redrive")').count() == 0,
          "the viewer gets no redrive or purge buttons")
    status = api_from_page(page, "PUT", f"/svc/outbound/api/partners/custodian-a/buckets/{bucket_id}/switch",
                           {"enabled": False, "reason": "viewer tries"})
    check(status == 403, f"the API refuses the viewer's switch change (got {status})")
    status = api_from_page(page, "GET", f"/api/s3/buckets/{env['TACT_INBOUND_BUCKET']}/object/content?key={key}", None)
    check(status == 403, f"the API refuses the viewer's download (got {status})")
    no_csrf = page.evaluate("""async (path) => (await fetch(path, { method: 'PUT', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' }, body: '{"enabled":false}' })).status""",
                            f"/svc/outbound/api/partners/custodian-a/buckets/{bucket_id}/switch")
    check(no_csrf == 403, f"a change without the CSRF token is refused (got {no_csrf})")
    page.click("#logout button")
    page.wait_for_load_state()
    status = context.request.get(env["TACT_CONSOLE_URL"] + "/api/me", max_redirects=0).status
    check(status == 401, f"after signing out the console's API answers 401 (got {status})")
    context.close()


def switch_state(env, bucket_id):
    status, state = http("GET", f"{env['TACT_OUTBOUND_URL']}/api/partners/custodian-a/buckets/{bucket_id}/switch",
                         token=access_token(env))
    return state.get("enabled") if status == 200 and isinstance(state, dict) else None


def operator(browser, env, key, bucket_id, body):
    context, page = sign_in(browser, env, "operator")
    show(page, "partners", '[data-partner="custodian-a"]')
    page.fill("#switch-bucket-custodian-a", bucket_id)
    page.click("#switch-off-custodian-a")
    page.wait_for_selector(f'[data-partner="custodian-a"] tr[data-bucket="{bucket_id}"]', timeout=20_000)
    check(switch_state(env, bucket_id) is False, "the operator turned custodian-a off for the bucket (the API says so)")
    page.click(f"#switch-on-custodian-a-{bucket_id}")
    page.wait_for_selector(f'[data-partner="custodian-a"] tr[data-bucket="{bucket_id}"]', state="detached", timeout=20_000)
    check(switch_state(env, bucket_id) is True, "the operator turned it back on")
    show(page, "files", f'tr[data-key="{key}"]')
    with page.expect_download(timeout=20_000) as download:
        page.locator(f'tr[data-key="{key}"] .download').click()
    path = download.value.path()
    check(open(path, "rb").read() == body, "the operator downloaded the file and got its bytes")
    check(download.value.suggested_filename == os.path.basename(key),
          f"the download is named after the object ({download.value.suggested_filename})")
    context.close()


def layouts(browser, env, screens):
    os.makedirs(screens, exist_ok=True)
    for width, height in ((1280, 800), (1366, 768)):
        context, page = sign_in(browser, env, "admin", {"width": width, "height": height})
        for view in PAGES:
            show(page, view)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            page.screenshot(path=os.path.join(screens, f"{view}-{width}.png"), full_page=True)
            check(overflow <= 0, f"{view} at {width}x{height} has no horizontal scroll (overflow {overflow}px)")
            banner = page.locator("#banner.error")
            check(banner.count() == 0 or not banner.is_visible(), f"{view} at {width}px loads without an error banner")
        context.close()


def expired_password(browser, env):
    ciam = env["TACT_OIDC_ISSUER"]
    http("PUT", ciam + "/sim/script", {"steps": [], "passwordTtlSeconds": 1})
    time.sleep(2)
    context = browser.new_context()
    page = context.new_page()
    page.goto(env["TACT_CONSOLE_URL"] + "/")
    page.wait_for_selector("input[name=username]", timeout=30_000)
    page.fill("input[name=username]", "viewer")
    page.fill("input[name=password]", env["TACT_DEV_PASSWORD"])
    page.click("#sign-in")
    page.wait_for_load_state()
    text = page.inner_text("body").lower()
    check("expired" in text, "an expired password is refused with a message that says so")
    check("#who" not in page.url and page.locator("#who").count() == 0, "and the console is not entered")
    context.close()
    http("POST", ciam + "/sim/reset")


def failure_modes(env):
    ciam = env["TACT_OIDC_ISSUER"]
    basic = base64.b64encode(f"tact-viewer:{env['TACT_DEV_PASSWORD']}".encode()).decode()
    token_call = lambda: http("POST", ciam + "/oauth2/token", form={"grant_type": "client_credentials"},
                              headers={"Authorization": "Basic " + basic})
    http("PUT", ciam + "/sim/script", {"steps": [{"mode": "bad-key"}]})
    status, token = token_call()
    bad = token.get("access_token") if isinstance(token, dict) else None
    check(status == 200 and bad is not None, f"in bad-key mode the provider still issues tokens ({status})")
    if bad:
        code, _ = http("GET", env["TACT_INBOUND_URL"] + "/api/files?limit=1", token=bad)
        check(code == 401, f"a token signed with an unpublished key gets 401 from inbound-service (got {code})")
    http("PUT", ciam + "/sim/script", {"steps": [{"mode": "unavailable"}]})
    status, _ = token_call()
    check(status == 503, f"in unavailable mode the token endpoint answers 503 (got {status})")
    if bad:
        for name in ("TACT_INBOUND_URL", "TACT_OUTBOUND_URL", "TACT_ALERTING_URL"):
            code, _ = http("GET", env[name] + "/api/" + ("files" if "INBOUND" in name else "deliveries" if "OUTBOUND" in name else "alerts") + "?limit=1", token=bad)
            check(code in (401, 503), f"with the provider unavailable, {name[5:-4].lower()} answers 401 or 503 to an unknown key, never 500 (got {code})")
    http("POST", ciam + "/sim/reset")
    code, _ = http("GET", env["TACT_INBOUND_URL"] + "/api/files?limit=1", token=access_token(env, "viewer"))
    check(code == 200, f"after the reset a fresh token works again ({code})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--env-file", required=True)
    parser.add_argument("--chromium", default=os.environ.get("TACT_CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--screens", default=None)
    args = parser.parse_args()
    env = read_env(args.env_file)
    screens = args.screens or os.path.join(os.path.dirname(os.path.abspath(args.env_file)), "console-screens")
    key, bucket_id, body = upload(env)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True,
                                    args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            viewer(browser, env, key, bucket_id)
            operator(browser, env, key, bucket_id, body)
            layouts(browser, env, screens)
            expired_password(browser, env)
        finally:
            browser.close()
    failure_modes(env)
    if FAILURES:
        print(f"\nconsole end-to-end: {len(FAILURES)} failed:\n  - " + "\n  - ".join(FAILURES))
        sys.exit(1)
    print(f"\nconsole end-to-end: all checks passed (screenshots in {screens})")


if __name__ == "__main__":
    main()
