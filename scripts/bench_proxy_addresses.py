"""Proof that the per-address limit of wrong answer links (P3.1.4,
training.link.attempt) reads the client's address behind nginx the way Odoo
does (proxy mode: werkzeug's ProxyFix on X-Forwarded-For, which nginx sets to
the address it sees). Run against scripts/proxy.sh:

    URL=$(cat .run/proxy/url) python3 scripts/bench_proxy_addresses.py

Clients connect from two loopback addresses (127.x.y.z, fresh each run): the
first sends wrong links until it is refused (429 after ten); the second,
from another address, is not refused (404: a wrong link, counted apart);
the first, forging X-Forwarded-For with another address, is still refused
(nginx replaces the header); the second, forging the first's address, is not
refused. Exits 1 when any of these does not hold.
"""

import http.client
import os
import random
import re
import sys
import urllib.parse

URL = urllib.parse.urlsplit(os.environ.get("URL", "http://127.0.0.1:18080"))


def client(source):
    """A client connecting from `source`: post(link, headers) -> status."""
    cookies = {}

    def request(method, body=None, headers=None):
        conn = http.client.HTTPConnection(
            URL.hostname, URL.port, timeout=60, source_address=(source, 0)
        )
        all_headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        conn.request(method, "/training/answer", body=body, headers=all_headers)
        response = conn.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _sep, rest = value.partition("=")
                cookies[name] = rest.split(";")[0]
        text = response.read().decode(errors="replace")
        conn.close()
        return response.status, text

    _status, page = request("GET")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def post(link, headers=None):
        body = urllib.parse.urlencode({"link": link, "csrf_token": token})
        return request("POST", body, headers)[0]

    return post


octets = [random.randint(1, 254) for _ in range(2)]  # noqa: S311 (not security)
first, second = (f"127.{octets[0]}.{octets[1]}.{last}" for last in (11, 12))
results = []


def check(what, got, want):
    results.append(got == want)
    print(f"PROXY {what}: {got} (want {want}){'' if got == want else '  <-- FAILED'}")


a, b = client(first), client(second)
statuses = [a(f"wrong-link-{n}") for n in range(10)]
check(f"ten wrong links from {first}", sorted(set(statuses)), [404])
check(f"the eleventh from {first}", a("wrong-link-10"), 429)
check(f"a wrong link from {second} (another address)", b("wrong-link-b"), 404)
check(
    f"{first} forging X-Forwarded-For: 10.1.2.3",
    a("wrong-link-11", {"X-Forwarded-For": "10.1.2.3"}),
    429,
)
check(
    f"{second} forging X-Forwarded-For: {first}",
    b("wrong-link-b2", {"X-Forwarded-For": first}),
    404,
)
print(f"PROXY {sum(results)}/{len(results)} checks hold")
sys.exit(0 if all(results) else 1)
