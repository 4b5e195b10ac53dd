"""Light formatting of message text into safe HTML.

The text is escaped first and only a few constructs become markup: ``**bold**``, ``*italic*``, ```code```, links
(bare ``http(s)://`` URLs and ``[label](https://…)``; any other scheme stays plain text), mentions ``@**Name**``
and line breaks. Links get ``rel="noopener nofollow ugc"`` and open in a new tab. The HTML is built here, once, so
the browser never turns raw text into markup.
"""

import re
from collections.abc import Callable
from html import escape
from urllib.parse import urlsplit

LINK_REL = "noopener nofollow ugc"

_TOKEN = re.compile(
    r"(?P<code>`[^`\n]{1,500}`)"
    r"|(?P<mdlink>\[(?P<label>[^\]\n]{1,200})\]\((?P<target>[^)\s]{1,2000})\))"
    r"|(?P<mention>@\*\*(?P<name>[^*\n]{1,100})\*\*)"
    r"|(?P<url>\bhttps?://[^\s<>\"'`]{1,2000})",
    re.IGNORECASE,
)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_TRAILING_PUNCTUATION = ".,;:!?)]}、。）」』"

#: Looks a mention name up; returns (user id, display name) or None when nobody by that name may be mentioned.
MentionResolver = Callable[[str], tuple[int, str] | None]


def safe_url(url: str) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host, else None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return url


def _link(url: str, label: str) -> str:
    return f'<a href="{escape(url, quote=True)}" rel="{LINK_REL}" target="_blank">{escape(label, quote=False)}</a>'


def _emphasis(escaped: str) -> str:
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return _ITALIC.sub(r"<em>\1</em>", escaped)


def _plain(text: str) -> str:
    return _emphasis(escape(text, quote=False))


def render_body(text: str, resolve_mention: MentionResolver | None = None) -> tuple[str, list[int]]:
    """Return ``(html, mentioned_user_ids)`` for ``text``; mentions nobody resolves stay plain text."""
    out: list[str] = []
    mentioned: list[int] = []
    position = 0
    for match in _TOKEN.finditer(text):
        out.append(_plain(text[position : match.start()]))
        position = match.end()
        if match.group("code"):
            out.append(f"<code>{escape(match.group('code')[1:-1], quote=False)}</code>")
        elif match.group("mdlink"):
            target = safe_url(match.group("target"))
            if target:
                out.append(_link(target, match.group("label")))
            else:
                out.append(_plain(match.group("mdlink")))
        elif match.group("mention"):
            found = resolve_mention(match.group("name").strip()) if resolve_mention else None
            if found:
                user_id, name = found
                if user_id not in mentioned:
                    mentioned.append(user_id)
                out.append(
                    f'<span class="mention" data-user-id="{user_id}">@{escape(name, quote=False)}</span>'
                )
            else:
                out.append(escape("@" + match.group("name"), quote=False))
        else:
            url = match.group("url")
            trimmed = url.rstrip(_TRAILING_PUNCTUATION)
            if trimmed.count("(") > trimmed.count(")") and url[len(trimmed) :].startswith(")"):
                trimmed += ")"
            tail = url[len(trimmed) :]
            out.append(_link(trimmed, trimmed) if safe_url(trimmed) else _plain(trimmed))
            out.append(_plain(tail))
    out.append(_plain(text[position:]))
    return "".join(out).replace("\r\n", "\n").replace("\n", "<br>"), mentioned


def excerpt(text: str, length: int = 80) -> str:
    """A one-line plain-text excerpt (for replies, notifications and e-mails)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"
