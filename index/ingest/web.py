"""Fetching a URL safely: http(s) only, public addresses only, bounded in size and in time.

Every fetch of a feed, a feed item's page or a link sent in chat goes through `fetch`:

- only `http` and `https` URLs, without user names or passwords in them;
- the host is resolved once and *every* address it resolves to must be public (not loopback,
  private, link-local, carrier-grade NAT, multicast or reserved) unless `allow_private` is set;
  the connection then goes to the checked address itself (Host header and TLS server name kept),
  so a DNS answer that changes between the check and the connection cannot slip through;
- redirects are followed by hand, at most `max_redirects`, each hop checked like the first;
- the body is streamed and abandoned past `max_bytes` (a larger Content-Length is refused before
  reading), and the whole exchange has a deadline as well as per-read timeouts, so a server
  that trickles bytes forever is cut off;
- the Content-Type must be one the caller accepts;
- conditional GET: `etag` / `last_modified` are sent, and a 304 is returned as such.

httpx is this module's only third-party import (tests/test_house.py checks it).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from index.errors import DocbotError

__all__ = [
    "FEED_TYPES",
    "PAGE_TYPES",
    "FetchError",
    "FetchPolicy",
    "Fetched",
    "check_url",
    "fetch",
    "normalize_url",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = "docbot/0.1 (+https://github.com/; feed and link reader)"

# What a page may be: an HTML page, plain text, or a PDF behind the link.
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "application/pdf"})
# What a feed may be served as (many servers say text/xml or even text/plain).
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "text/plain",
        "application/octet-stream",
    }
)


_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(DocbotError):
    """A URL could not be fetched; the message says why in words a user can act on."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch.

    Attributes:
        max_bytes: the largest body accepted.
        timeout: seconds for connecting and for each read.
        deadline: seconds for the whole exchange, redirects and body included.
        allow_private: allow addresses on this machine and private networks (tests, intranets).
        max_redirects: redirects followed before giving up.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 10.0
    deadline: float = 30.0
    allow_private: bool = False
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    """A fetched body (empty for a 304), with what the server said about it."""

    url: str  # the final URL, after redirects
    status: int  # 200 or 304
    content_type: str  # lower-case media type without parameters ('' when unknown)
    data: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def normalize_url(url: str) -> str:
    """The form a URL is remembered by: scheme and host lower-cased, no fragment, a path."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc.lower()
    for scheme, port in (("http", ":80"), ("https", ":443")):
        if parts.scheme.lower() == scheme and netloc.endswith(port):
            netloc = netloc[: -len(port)]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def check_url(url: str) -> str:
    """The URL, normalised, if it is an http(s) URL docbot may fetch at all.

    Raises:
        FetchError: another scheme, no host, or credentials in the URL.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"Only http and https links can be fetched, not {parts.scheme or url!r}.")
    if not parts.hostname:
        raise FetchError(f"{url!r} has no host name.")
    if parts.username or parts.password:
        raise FetchError("Links with a user name or password in them are not fetched.")
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise FetchError(f"{url!r} has an invalid port.") from exc
    return normalize_url(url)


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses `host` resolves to, every one checked.

    Raises:
        FetchError: the name does not resolve, or one of its addresses is private or local
            (unless `allow_private`).
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"The host {host} could not be found.") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"The host {host} could not be found.")
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            if not _is_public(ip):
                raise FetchError(
                    f"{host} is on this machine or a private network ({address}); such links "
                    "are refused unless DOCBOT_ALLOW_PRIVATE_URLS is set."
                )
    return addresses


def media_type(header: str | None) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


def fetch(
    url: str,
    policy: FetchPolicy,
    *,
    accept: Iterable[str] = PAGE_TYPES,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET `url` within `policy` (see the module doc).

    Args:
        url: an http(s) URL.
        policy: size, time and address limits.
        accept: media types accepted; anything else is refused after the headers.
        etag: the ETag of the copy already held (If-None-Match).
        last_modified: its Last-Modified (If-Modified-Since).

    Returns:
        The body and headers, or a 304 with an empty body.

    Raises:
        FetchError: a refused URL or address, a timeout, an HTTP error status, a refused type,
            a body over the cap, or too many redirects.
    """
    accepted = frozenset(accept)
    started = time.monotonic()
    current = check_url(url)
    headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(sorted(accepted)) + ", */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(policy.timeout)
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _ in range(policy.max_redirects + 1):
            response = _open(client, current, headers, policy, started)
            try:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"{current} redirects nowhere.")
                    current = check_url(urljoin(current, location))
                    continue
                return _read(response, current, accepted, policy, started)
            finally:
                response.close()
    raise FetchError(f"{url} redirects more than {policy.max_redirects} times.")


def _open(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    policy: FetchPolicy,
    started: float,
) -> httpx.Response:
    """Send the request to the checked address of the URL's host; headers are read, not body."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = resolve(host, port, policy.allow_private)[0]
    literal = f"[{address}]" if ":" in address else address
    pinned = urlunsplit((parts.scheme, f"{literal}:{port}", parts.path, parts.query, ""))
    request = client.build_request(
        "GET",
        pinned,
        headers={**headers, "Host": parts.netloc.rsplit("@", 1)[-1]},
        extensions={"sni_hostname": host, "timeout": _timeouts(policy, started)},
    )
    try:
        return client.send(request, stream=True)
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url} did not answer in time.") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url} could not be fetched: {type(exc).__name__}.") from exc


def _timeouts(policy: FetchPolicy, started: float) -> dict[str, float]:
    left = policy.deadline - (time.monotonic() - started)
    if left <= 0:
        raise FetchError("The fetch took too long.")
    each = min(policy.timeout, left)
    return {"connect": each, "read": each, "write": each, "pool": each}


def _read(
    response: httpx.Response,
    url: str,
    accepted: frozenset[str],
    policy: FetchPolicy,
    started: float,
) -> Fetched:
    etag = response.headers.get("etag")
    modified = response.headers.get("last-modified")
    if response.status_code == 304:
        return Fetched(url, 304, "", b"", etag, modified)
    if response.status_code != 200:
        raise FetchError(f"{url} answered HTTP {response.status_code}.")
    kind = media_type(response.headers.get("content-type"))
    if kind and kind not in accepted:
        raise FetchError(f"{url} is {kind}, not a type docbot reads.")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(f"{url} is {int(declared):,} bytes; the cap is {policy.max_bytes:,}.")
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > policy.max_bytes:
                raise FetchError(f"{url} is over the cap of {policy.max_bytes:,} bytes.")
            if time.monotonic() - started > policy.deadline:
                raise FetchError(f"{url} took longer than {policy.deadline:.0f} s to download.")
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url} stopped sending in the middle.") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url} could not be read: {type(exc).__name__}.") from exc
    return Fetched(url, 200, kind, b"".join(chunks), etag, modified)
