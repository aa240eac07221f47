"""Slot types and shared macros: the vocabulary rule patterns are written in.

A rule pattern is a regular expression where ``{name:type}`` becomes a named,
typed slot and ``{MACRO}`` a shared fragment. Literal text in a pattern is
case-insensitive, a space matches any run of spaces, and ``'`` matches both
apostrophes, so rule authors write text as journalists do. Slot bodies switch
case-sensitivity back on where capitals carry meaning (names).

Dates and numbers are found before rules run and masked with private-use
characters of the same length, so ``{d:date}`` and ``{n:number}`` are exact,
whatever wording the date or number had, and offsets never move.
"""

from __future__ import annotations

DATE_CHAR = "\ue000"
NUMBER_CHAR = "\ue001"

# A capitalised word of a name: "Pompeo", "O'Brien", "M.Trump", "De", "Al-Qods", "Wrocław".
_CAP = r"(?:\p{Lu}[\p{L}\p{M}'’.\-]*\p{L}|\p{Lu}\.?)"
# Particles allowed inside a name: "Anke De Vos", "Abu Mahdi al-Muhandis", "Ludwig van Beethoven".
_PARTICLE = r"(?:de|du|des|van|von|der|den|al|el|ben|bin|ibn|da|di|la|le|del|dos)"
_HONORIFIC = r"(?:(?:Dr|Mr|Mrs|Ms|Mme|M|Pr|Prof|Sir|Dame)\.?\s+)"
# Capitalised words that start sentences, not names: "In Paris", "After Claire Vernet".
_NOT_NAME_START = (
    r"(?!(?:In|On|At|After|Before|During|For|From|With|By|According|The|A|An|This|That|These|Those|Le|La|Les|"
    r"Un|Une|Des|Dans|Pour|Selon|Après|Avant|Lors|Depuis|Since|When|While|If|But|And|Et|Mais|Ce|Cette|Ces|Il|"
    r"Elle|Ils|Elles|He|She|It|They|We|Nous|On|Aux|Au|Du|De|En|Par|Sur|Sous|Chez|Entre|Between|Among|Parmi|À|"
    r"Pour|Avec|Sans|Vers|Contre|Hier|Yesterday|Today|Aujourd)\b)"
)
NAME = (
    rf"(?-i:{_NOT_NAME_START}{_HONORIFIC}?{_CAP}(?:[\s\-]+(?:{_PARTICLE}[\s\-]+)?{_CAP}){{0,3}}"
    r"(?![\p{L}\p{M}'’\-]))"
)

# Words that end a list of names: punctuation, or a clause that starts after it.
_LIST_END = (
    r"(?=\s*(?:[.;:!?()«»\"]|$|—|–"
    r"|,?\s*(?:en l'absence|en l’absence|sans|hormis|sauf|à l'exception|except|without|but not|mais pas|"
    r"in the absence)\b"
    r"|,\s*(?:selon|d'après|according|qui|who|which|when|whose|lorsque|quand|où|where|pour|to|afin|"
    r"mais|but|while|alors|tandis|since|puisque|car|because|as|après|after|avant|before|dont)\b"
    r"|\s+(?:pour|afin|to|selon|according|qui|who|which|that|when|lorsque|quand|où|where|où|since|"
    r"because|car|tandis|while|alors|mais|but|was|were|is|are|had|has|have|a|ont|avait|avaient|"
    r"était|étaient|est|sont|a\s+été|ont\s+été)\s))"
)

# Inside a title, a determiner only follows a preposition ("secrétaire à la Défense",
# "chief of the defence staff"); "se trouvaient la directrice" is two phrases.
_NO_DET = (
    r"(?!(?<!\b(?:à|de|d['’]|par|pour|sur|of|to|for|in|at|on|with|et|and)\s+)(?i:le|la|les|l['’]|the|a|an|un|une)\b)"
    # nor does it hold a verb, a pronoun or a conjunction: "du ministre se trouvaient" is no title
    r"(?!(?i:se|s['’]|a|ont|est|sont|était|étaient|avait|avaient|is|are|was|were|has|have|had|qui|que|qu['’]|who|"
    r"which|that|et|and|ou|or|mais|but|with|to|by|from|as|after|before|met|said|says|told|will|would|avec|selon|"
    r"when|while|quand|lorsque|pendant|during|voted|added|announced|noted|stated|left|took|went|came|lui|elle|eux|"
    r"elles|him|her|them|it|il|ils)\b)"
)

# A stretch of a list or a subject never holds another clause's verb: "X n'ont été avertis
# qu'après coup, et Y ..." gives two subjects, and "told reporters he had not been informed"
# holds no list of people told. Used as an opening "(?:" + this + "<char class>)".
_NO_CLAUSE = (
    r"(?:(?!\b(?:n['’]|ne\s+)?(?i:a|ont|avait|avaient|est|sont|était|étaient|was|were|is|are|had|has|have)"
    r"\s+(?i:été|been|pas|not|jamais|never|appris|learned|n['’]t)\b)(?!\b(?i:he|she|they|il|elle|ils|elles)\s+"
    r"(?i:had|has|was|were|is|are|avait|avaient|a|ont|était|étaient|n['’]))"
)

_RELATIVE_IN_SUBJECT = r",\s*(?i:qui|who|which|whose|dont)\b[^,;:.!?«»\"—–]{1,120},"

SLOT_TYPES: dict[str, str] = {
    # A region holding one or several names (people, organisations, groups);
    # the resolver finds the names inside it.
    # (When such a slot ends the pattern, the loader appends ``LIST_END`` so the
    # region runs to the end of the list rather than stopping after one letter.)
    "entities": _NO_CLAUSE + r"[^;:!?()«»\"—–]){2,400}?",
    "persons": _NO_CLAUSE + r"[^;:!?()«»\"—–]){2,400}?",
    "person": _NO_CLAUSE + r"[^;:!?()«»\"—–]){2,200}?",
    # A clause's subject: never holds another clause's verb ("X n'ont été avertis qu'après coup,
    # et Y ..." gives two subjects, not one).
    # A clause's subject also never starts with a negative quantifier: "Neither X nor Y were told",
    # "Aucun X n'a été prévenu" are negated claims that their own patterns handle.
    # A relative clause inside it is taken whole, whatever its verbs: "Éric Simonin, qui n'avait pas été
    # convié, affirme avoir appris ..." has the subject "Éric Simonin, qui n'avait pas été convié,".
    # A subject set out first and taken up by a pronoun ("Quant aux actionnaires, ils") is one subject.
    # A bare personal pronoun is a subject too ("Il affirme n'avoir jamais été prévenu"); the resolver
    # maps it to the last person named, matched below 100, so it can support but never contradict.
    "subject": r"(?:(?-i:(?:He|She|They|Il|Elle|Ils|Elles|he|she|they|il|elle|ils|elles))(?=\s)|"
               # A subject set out first and taken up by a pronoun: "Quant aux actionnaires, ils ...",
               # "As for the shareholders, they ...": the slot holds both, the name is what is resolved.
               r"(?i:quant (?:à|aux?)|as for|as to)\s+[^,;:.!?]{2,80},\s*(?-i:il|elle|ils|elles|they|he|she|it)(?=\s)|"
               r"(?!(?i:neither|nor|ni|aucun|aucune|nul|nulle|none|no one|nobody|personne)\b)"
               + "(?:" + _RELATIVE_IN_SUBJECT + "|" + _NO_CLAUSE[3:]
               + r"(?!\b(?i:nor|ni)\b)(?!\b\p{Ll}+ed (?i:the|a|an|its|their|his|her)\b)"
               r"(?!,\s*(?i:whereas|while|but|mais|tandis|alors que|quand|when|lorsque)\b)[^;:!?«»\"—–]){1,300}?)",
    "name": NAME,
    # A lowercase title phrase: "secrétaire d'État", "chef d'état-major des armées".
    # A title never swallows a name: no word of it starts two capitalised words in a row.
    "title": (
        _NO_DET + r"(?-i:\p{Ll}[\p{L}\p{M}'’\-]*(?:\s+(?!\p{Lu}[\p{L}'’\-]*\s+\p{Lu})" + _NO_DET
        + r"[\p{L}\p{M}'’\-]+){0,14}?)"
    ),
    # A title in English headline style, capitalised or not: "Secretary of State".
    "titlecase": _NO_DET + r"(?-i:[\p{L}][\p{L}\p{M}'’\-]*(?:\s+" + _NO_DET + r"[\p{L}\p{M}'’\-]+){0,7}?)",
    # Where a list slot that ends a pattern stops.
    "LIST_END": _LIST_END,
    # A place phrase after a locative preposition, up to a boundary.
    "place": (
        r"[^\s,.;:!?()«»\"\ue000\ue001]+(?:\s+[^\s,.;:!?()«»\"\ue000\ue001]+){0,7}?"
        r"(?=\s*(?:[,.;:!?()«»\"]|$|—|" + DATE_CHAR + r"|" + NUMBER_CHAR + r")"
        r"|\s+(?:le|la|les|the|on)\s+[" + DATE_CHAR + NUMBER_CHAR + r"]"
        r"|\s+(?:dans|à|au|aux|en|pour|avec|après|avant|depuis|lors|on|in|at|for|with|after|"
        r"before|since|during|from|to|by|par|selon|according|qui|who|which|where|où|that|when|and|et|or|ou|"
        r"que|qu|si|whether|lorsque|quand|if|"
        r"was|were|is|a|ont|avait)\s)"
    ),
    "event": r"[^,;:!?()«»\"]{2,120}?",
    "text": r"[^;:!?()«»\"]{1,200}?",
    "words": r"[^.;:!?()«»\"]{0,120}?",
    # A short noun phrase: one to four words.
    "noun": r"[^\s.,;:!?()«»\"\ue000\ue001]+(?:\s+[^\s.,;:!?()«»\"\ue000\ue001]+){0,3}?",
    "date": f"(?<!{DATE_CHAR}){DATE_CHAR}++",
    "number": f"(?<!{NUMBER_CHAR}){NUMBER_CHAR}++",
    # A number, or the article that counts one: "un Américain a été tué".
    "count": r"(?<![\p{L}\p{N}\ue001])(?:" + NUMBER_CHAR + r"+|(?:un|une|one|an)(?=\s))",
}

# Shared fragments usable as {NAME} in any rule pattern.
BUILTIN_MACROS: dict[str, str] = {
    "NAME": NAME,
    "DET": r"(?:le|la|les|l'|un|une|des|du|de la|de l'|the|a|an|its|his|her|their|sa|son|ses|leur|leurs)",
    "ANYWORDS": r"(?:[^\s.;:!?]+\s+){0,8}?",
    "WORDS": r"(?:[^\s.;:!?]+\s+){0,4}?",
}
