"""Vendor language names and codes, as the BCP 47 tags the model and the writers use."""

from __future__ import annotations

__all__ = ["language_code"]

# Whisper's own table (openai/whisper whisper/tokenizer.py LANGUAGES and TO_LANGUAGE_CODE):
# the API reports the language by name, the local tool by code.
_LANGUAGES = (
    "en english|zh chinese|de german|es spanish|ru russian|ko korean|fr french|ja japanese|"
    "pt portuguese|tr turkish|pl polish|ca catalan|nl dutch|ar arabic|sv swedish|it italian|"
    "id indonesian|hi hindi|fi finnish|vi vietnamese|he hebrew|uk ukrainian|el greek|ms malay|"
    "cs czech|ro romanian|da danish|hu hungarian|ta tamil|no norwegian|th thai|ur urdu|"
    "hr croatian|bg bulgarian|lt lithuanian|la latin|mi maori|ml malayalam|cy welsh|sk slovak|"
    "te telugu|fa persian|lv latvian|bn bengali|sr serbian|az azerbaijani|sl slovenian|"
    "kn kannada|et estonian|mk macedonian|br breton|eu basque|is icelandic|hy armenian|"
    "ne nepali|mn mongolian|bs bosnian|kk kazakh|sq albanian|sw swahili|gl galician|"
    "mr marathi|pa punjabi|si sinhala|km khmer|sn shona|yo yoruba|so somali|af afrikaans|"
    "oc occitan|ka georgian|be belarusian|tg tajik|sd sindhi|gu gujarati|am amharic|"
    "yi yiddish|lo lao|uz uzbek|fo faroese|ht haitian creole|ps pashto|tk turkmen|nn nynorsk|"
    "mt maltese|sa sanskrit|lb luxembourgish|my myanmar|bo tibetan|tl tagalog|mg malagasy|"
    "as assamese|tt tatar|haw hawaiian|ln lingala|ha hausa|ba bashkir|jw javanese|"
    "su sundanese|yue cantonese|my burmese|ca valencian|nl flemish|ht haitian|"
    "lb letzeburgesch|ps pushto|pa panjabi|ro moldavian|ro moldovan|si sinhalese|"
    "es castilian|zh mandarin"
)
_CODE_BY_NAME = {
    name: code for code, name in (pair.split(" ", 1) for pair in _LANGUAGES.split("|"))
}


def language_code(language: str | None) -> str | None:
    """A vendor's language as a BCP 47 tag: Whisper's names become its codes (``"English"``
    -> ``"en"``), underscores become hyphens and subtags get their usual case (AssemblyAI's
    ``"en_us"`` -> ``"en-US"``). ``und`` (undetermined) and blank are None; anything else is
    returned stripped, as given.
    """
    if language is None:
        return None
    text = language.strip()
    if text.lower() in ("und", "zxx", "mul"):
        return None  # BCP 47 "undetermined", "no linguistic content", "multiple": unknown here
    code = _CODE_BY_NAME.get(text.lower())
    if code is not None:
        return code
    parts = text.replace("_", "-").split("-")
    if not text or not all(part.isascii() and part.isalnum() for part in parts):
        return text or None
    tagged = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            tagged.append(part.upper())  # region: US, GB
        elif len(part) == 4 and part.isalpha():
            tagged.append(part.title())  # script: Hans, Latn
        else:
            tagged.append(part.lower())
    return "-".join(tagged)
