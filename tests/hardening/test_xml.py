"""XML is parsed only through cuecraft._xml: no DTDs, no entities, no network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cuecraft._xml import parse_xml
from cuecraft.errors import InputError

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tt xmlns="http://www.w3.org/ns/ttml"><body><p>&lol9;</p></body></tt>"""


def _xxe(secret: Path) -> bytes:
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE tt [<!ENTITY xxe SYSTEM "'
        + secret.as_uri().encode()
        + b'">]>\n<tt xmlns="http://www.w3.org/ns/ttml"><body><p>&xxe;</p></body></tt>'
    )


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(InputError, match="DOCTYPE") as caught:
        parse_xml(BILLION_LAUGHS, source="bomb.ttml")
    assert caught.value.source == "bomb.ttml"


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    with pytest.raises(InputError, match="DOCTYPE") as caught:
        parse_xml(_xxe(secret), source="xxe.ttml")
    assert "TOP SECRET" not in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_refused_in_any_encoding(tmp_path: Path, encoding: str) -> None:
    # The byte scan cannot see "<!DOCTYPE" in UTF-16; the parsed tree is checked too.
    text = (
        _xxe(tmp_path / "secret.txt")
        .decode()
        .replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
    )
    with pytest.raises(InputError):
        parse_xml(text.encode(encoding), source="xxe.ttml")


def test_external_dtd_and_network_are_refused() -> None:
    doc = b'<?xml version="1.0"?><!DOCTYPE tt SYSTEM "http://example.invalid/tt.dtd"><tt/>'
    with pytest.raises(InputError):
        parse_xml(doc)


def test_plain_xml_parses() -> None:
    root = parse_xml(b'<tt xmlns="http://www.w3.org/ns/ttml"><body><p>Hi &amp; bye</p></body></tt>')
    assert root.tag.endswith("tt")
    assert "".join(root.itertext()) == "Hi & bye"


def test_malformed_xml_has_a_location() -> None:
    with pytest.raises(InputError) as caught:
        parse_xml(b"<tt>\n<p>open</tt>", source="bad.ttml")
    assert (caught.value.source, caught.value.line) == ("bad.ttml", 2)


def test_size_limit() -> None:
    with pytest.raises(InputError, match="limit"):
        parse_xml(b"<a>" + b"x" * 100 + b"</a>", max_bytes=50)


def test_no_other_xml_parsing_in_cuecraft() -> None:
    """Any XML *parsing* in the package goes through cuecraft._xml (writers only build XML)."""
    package = Path(__file__).resolve().parents[2] / "src" / "cuecraft"
    parsing = re.compile(
        r"\b(etree\.(fromstring|parse|XML|XMLParser|iterparse)|minidom|xml\.sax)\b"
    )
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in package.rglob("*.py")
        if path.name != "_xml.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if parsing.search(line)
    ]
    assert offenders == []
