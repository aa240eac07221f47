"""Deterministic generators for the benchmark: a fact base, news articles about it, bigger rule packs.

Everything is drawn from ``random.Random`` instances seeded from a string
(``f"{seed}:entity:{i}"``), never from the global generator or the hash seed,
so the same arguments give byte-identical files on every machine and run.

The fact base is made of *communities* of 100 entities and 10 events: a town
with its people, organisations, groups and places, and its meetings, closures,
council votes, recalls and consultations. Entity ``i`` and event ``j`` depend
only on the seed and their index, so the first community of a 100,000-entity
base is exactly the 100-entity base: articles written about community 0 can be
checked against both, and any difference in time is the cost of size alone.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

COMMUNITY = 100  # entities per community
EVENTS_PER_COMMUNITY = 10

# -- name pools --------------------------------------------------------------------------

FIRST_FR_F = ["Claire", "Sophie", "Hélène", "Nadia", "Camille", "Élodie", "Chloé", "Inès", "Léa", "Manon",
              "Juliette", "Sarah", "Aurélie", "Lucie", "Margaux", "Anne", "Pauline", "Céline", "Agnès", "Maëlle"]
FIRST_FR_M = ["Julien", "Thomas", "Marc", "Bernard", "Louis", "Mathieu", "Antoine", "Hugo", "Nicolas", "Pierre",
              "Olivier", "Yann", "Karim", "François", "Rémi", "Étienne", "Guillaume", "Damien", "Loïc", "Benoît"]
FIRST_EN_F = ["Priya", "Fiona", "Leila", "Ama", "Emily", "Grace", "Hannah", "Megan", "Rachel", "Laura",
              "Rebecca", "Aisha", "Imogen", "Harriet", "Siobhan", "Zara"]
FIRST_EN_M = ["Gary", "Owen", "James", "Oliver", "Henry", "Daniel", "Samuel", "George", "Michael", "David",
              "Patrick", "Connor", "Rhys", "Tobias", "Callum", "Arjun"]
_LAST_A = ["Mar", "Ver", "Ber", "Lam", "Roy", "Gar", "Fer", "Hal", "Dun", "Mor", "Pel", "Char", "Fon", "Bel",
           "Cas", "Del", "Gir", "Lau", "Mich", "Pri", "Rou", "Sau", "Tes", "Vil", "Wal", "Hug", "Pen", "Ash",
           "Brook", "Craw", "Ells", "Fair", "Hart", "Kings", "Lang", "North", "Os", "Ross", "Tal", "Quen"]
_LAST_B = ["", "a", "e", "i", "o", "ou", "an", "el", "in", "er"]
_LAST_C = ["chetti", "net", "nard", "bert", "ier", "ton", "ley", "wood", "ford", "son", "mont", "court", "by",
           "rand", "lin", "vaux", "dale", "ham", "well", "croft"]
_TOWN_A = ["Val", "Bel", "Mont", "Ridge", "Brook", "Roche", "Clair", "Fonte", "Haute", "Grand", "Saint-Ju",
           "Nor", "Ash", "Ker", "Lan", "Pont", "Bois", "Sauve", "Vire", "Mer", "Hal", "Wick", "Thorn", "Elm"]
_TOWN_B = ["mont", "lerive", "ville", "moor", "field", "fort", "bourg", "court", "lieu", "ton", "bury",
           "ham", "leigh", "stead", "vaux", "champ", "lac", "dale", "gate", "by"]
_ORG_FR = ["Syndicat des eaux de {t}", "Office de tourisme de {t}", "Centre hospitalier de {t}",
           "Société {s} Industries", "Association des commerçants de {t}", "Régie des transports de {t}",
           "Club {s} Natation", "Chambre de commerce de {t}", "Fondation {s}", "Groupe {s}"]
_ORG_EN = ["{t} General Hospital", "{t} Borough Council", "{s} Holdings", "{t} Water Board",
           "{t} Chamber of Commerce", "{s} Foundation", "{t} Transport Authority", "{s} Logistics"]
_GROUP = [("Syndicats du personnel de {t}", ["syndicats du personnel", "staff unions of {t}"]),
          ("Parents d'élèves de {t}", ["parents d'élèves", "parents of pupils in {t}"]),
          ("Élus d'opposition de {t}", ["élus de l'opposition de {t}", "opposition councillors in {t}"]),
          ("Riverains de {t}", ["riverains de {t}", "residents of {t}"]),
          ("Médecins généralistes de {t}", ["médecins généralistes de {t}", "local GPs in {t}"])]
_VENUES = [("Salle {s}", "salle {s}"), ("Espace {s}", "espace {s}"), ("Hôtel de ville de {t}", "mairie de {t}"),
           ("Gymnase {s}", "gymnase {s}"), ("Piscine {s}", "piscine {s}"), ("Médiathèque {s}", "médiathèque {s}"),
           ("Parc {s}", "parc {s}"), ("{t} Civic Centre", "civic centre of {t}")]
# (French title, its aliases), {t} the town and {o} an organisation of the community.
_TITLES = [
    ("Maire de {t}", ["maire de {t}", "mayor of {t}"]),
    ("Adjoint aux finances de {t}", ["adjoint aux finances de {t}", "finance deputy of {t}"]),
    ("Adjointe aux sports de {t}", ["adjointe aux sports de {t}", "sports deputy of {t}"]),
    ("Directeur général de {o}", ["directeur général de {o}", "chief executive of {o}"]),
    ("Directrice des ressources humaines de {o}", ["directrice des ressources humaines de {o}", "HR director of {o}"]),
    ("Président du conseil d'administration de {o}", ["président du conseil d'administration de {o}",
                                                      "chair of the board of {o}"]),
    ("Directrice générale des services de {t}", ["directrice générale des services de {t}", "DGS de {t}"]),
    ("Préfet de {t}", ["préfet de {t}", "prefect of {t}"]),
    ("Directeur des travaux de {o}", ["directeur des travaux de {o}", "director of estates of {o}"]),
    ("Infirmière en chef de {o}", ["infirmière en chef de {o}", "chief nurse of {o}"]),
]
# The short form of each title a writer uses before a name: "le maire Julien X".
_SHORT_FR = ["maire", "adjoint aux finances", "adjointe aux sports", "directeur général",
             "directrice des ressources humaines", "président du conseil d'administration",
             "directrice générale des services", "préfet", "directeur des travaux", "infirmière en chef"]
_SHORT_EN = ["mayor", "finance deputy", "sports deputy", "chief executive", "HR director", "board chair",
             "director of services", "prefect", "director of estates", "chief nurse"]

_MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
_WD_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_WD_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(map(str, (seed, *parts))))


def _slug(text: str) -> str:
    table = str.maketrans("éèêëàâäîïôöûüùçœæ", "eeeeaaaiioouuucoa")
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


# -- the fact base -----------------------------------------------------------------------


@dataclass(frozen=True)
class Town:
    name: str
    country: str


def town_name(seed: int, community: int) -> str:
    r = _rng(seed, "town", community)
    return f"{r.choice(_TOWN_A)}{r.choice(_TOWN_B)}-{community}" if community else \
        f"{r.choice(_TOWN_A)}{r.choice(_TOWN_B)}"


def surname(r: random.Random) -> str:
    return f"{r.choice(_LAST_A)}{r.choice(_LAST_B)}{r.choice(_LAST_C)}"


def _person_name(seed: int, i: int) -> tuple[str, str, str]:
    """(first, last, gender) for entity ``i``; unique per community by construction."""
    r = _rng(seed, "person", i)
    female = r.random() < 0.5
    english = r.random() < 0.4
    pool = (FIRST_EN_F if female else FIRST_EN_M) if english else (FIRST_FR_F if female else FIRST_FR_M)
    return r.choice(pool), surname(r), "f" if female else "m"


def entity(seed: int, i: int) -> dict[str, Any]:
    """Entity ``i``: a person, organisation, group or place of community ``i // 100``."""
    c, k = divmod(i, COMMUNITY)
    town = town_name(seed, c)
    r = _rng(seed, "entity", i)
    if k < 60:
        first, last, gender = _person_name(seed, i)
        name = f"{first} {last}"
        honorific = ("Mme" if gender == "f" else "M.") if r.random() < 0.6 else ("Ms" if gender == "f" else "Mr")
        ent: dict[str, Any] = {"id": f"p{i}-{_slug(name)}", "kind": "person", "name": name,
                               "aliases": [last, f"{honorific} {last}"]}
        if k < 40:  # two thirds of the people hold a title
            title, aliases = _TITLES[k % len(_TITLES)]
            org = _org_name(seed, c * COMMUNITY + 60 + (k % 10))
            start = dt.date(2015 + r.randrange(8), 1 + r.randrange(12), 1 + r.randrange(28))
            role: dict[str, Any] = {"title": title.format(t=town, o=org),
                                    "aliases": [a.format(t=town, o=org) for a in aliases] + [_SHORT_FR[k % 10],
                                                                                             _SHORT_EN[k % 10]],
                                    "from": start}
            if r.random() < 0.25:
                role["to"] = start + dt.timedelta(days=200 + r.randrange(2000))
            ent["roles"] = [role]
        return ent
    if k < 70:
        name = _org_name(seed, i)
        return {"id": f"o{i}-{_slug(name)}", "kind": "organization", "name": name,
                "aliases": [name.replace(f" de {town}", "").replace(f"{town} ", "")] if town in name else []}
    if k < 75:
        name, aliases = _GROUP[k - 70]
        return {"id": f"g{i}-{_slug(town)}", "kind": "group", "name": name.format(t=town),
                "aliases": [a.format(t=town) for a in aliases]}
    if k == 99:  # the community's region; community 0's is the country too
        return {"id": f"region{i}", "kind": "place", "name": f"Région {town}",
                "aliases": [f"région de {town}"], "located_in": "country"}
    if k == 98:
        return {"id": f"town{i}-{_slug(town)}", "kind": "place", "name": town,
                "located_in": f"region{c * COMMUNITY + 99}"}
    if k == 97 and c == 0:
        return {"id": "country", "kind": "place", "name": "Pays de Beaumarais", "aliases": ["Beaumarais"]}
    venue, alias = _VENUES[k % len(_VENUES)]
    s = surname(r)
    return {"id": f"v{i}-{_slug(s)}", "kind": "place", "name": venue.format(s=s, t=town),
            "aliases": [alias.format(s=s, t=town)], "located_in": f"town{c * COMMUNITY + 98}-{_slug(town)}"}


def _org_name(seed: int, i: int) -> str:
    c, k = divmod(i, COMMUNITY)
    town = town_name(seed, c)
    r = _rng(seed, "org", i)
    pool = _ORG_FR if k % 2 == 0 else _ORG_EN
    return pool[k % len(pool)].format(t=town, s=surname(r))


def _entity_ids(seed: int, c: int) -> dict[str, list[str]]:
    ids: dict[str, list[str]] = {"person": [], "organization": [], "group": [], "place": []}
    for k in range(COMMUNITY):
        e = entity(seed, c * COMMUNITY + k)
        ids[e["kind"]].append(e["id"])
    return ids


def event(seed: int, j: int, ids: dict[str, list[str]]) -> dict[str, Any]:
    """Event ``j`` of community ``j // 10``; ``ids`` are that community's entity ids by kind."""
    c, k = divmod(j, EVENTS_PER_COMMUNITY)
    town = town_name(seed, c)
    r = _rng(seed, "event", j)
    day = dt.date(2024, 1, 8) + dt.timedelta(days=7 * k + r.randrange(5))
    venues = [p for p in ids["place"] if p.startswith("v")]
    people, orgs, groups = ids["person"], ids["organization"], ids["group"]
    base: dict[str, Any] = {"id": f"e{j}", "date": day, "place": r.choice(venues), "sources": [f"src{c}"]}
    if k < 4:
        names = [("commission des finances", "finance committee"), ("conseil d'administration", "board meeting"),
                 ("cellule de crise", "crisis meeting"), ("comité de pilotage", "steering committee")][k]
        attendees = r.sample(people, 4 + r.randrange(4))
        return {**base, "kind": "meeting", "name": f"{names[0]} de {town} du {day.isoformat()}",
                "aliases": [f"{names[0]} de {town}", names[0], names[1]], "host": attendees[0],
                "attendees": attendees, "attendees_complete": r.random() < 0.5}
    if k < 6:
        what = ["piscine", "médiathèque"][k - 4]
        told = r.sample(people + orgs + groups, 10)
        return {**base, "kind": "closure", "name": f"fermeture de la {what} de {town}",
                "aliases": [f"fermeture de la {what}", f"{what} closure", "fermeture"],
                "counts": {"staff": 5 + r.randrange(30)},
                "informed": {"before": told[:4], "after": told[4:8], "never": told[8:], "complete": r.random() < 0.5}}
    if k < 8:
        n_for = 15 + r.randrange(15)
        return {**base, "kind": "meeting", "name": f"séance du conseil municipal de {town} du {day.isoformat()}",
                "aliases": [f"conseil municipal de {town}", "séance du conseil municipal", "council meeting"],
                "host": people[0], "attendees": r.sample(people, 8), "attendees_complete": False,
                "counts": {"votes_for": n_for, "votes_against": r.randrange(10), "abstentions": r.randrange(4)}}
    if k == 8:
        told = r.sample(people + orgs + groups, 6)
        return {**base, "kind": "recall", "name": f"rappel des autocuiseurs {surname(r)}",
                "aliases": ["rappel des autocuiseurs", "product recall"],
                "counts": {"units": 1000 * (5 + r.randrange(60)), "injured": r.randrange(20)},
                "informed": {"before": told[:3], "after": told[3:], "never": [], "complete": False}}
    return {**base, "kind": "consultation", "name": f"consultation publique de {town}",
            "aliases": ["consultation publique", "public consultation"],
            "date": {"from": day, "to": day + dt.timedelta(days=11)}}


def factbase(seed: int, n_entities: int, n_events: int | None = None) -> dict[str, Any]:
    """The fact data of ``n_entities`` entities (a multiple of 100) and ``n_events`` events (a multiple of 10).

    Events belong to the first communities (10 each); by default every community has its 10.
    """
    communities = max(1, n_entities // COMMUNITY)
    entities = [entity(seed, i) for i in range(communities * COMMUNITY)]
    events = []
    with_events = communities if n_events is None else min(communities, max(1, n_events // EVENTS_PER_COMMUNITY))
    for c in range(with_events):
        ids: dict[str, list[str]] = {"person": [], "organization": [], "group": [], "place": []}
        for e in entities[c * COMMUNITY:(c + 1) * COMMUNITY]:
            ids[e["kind"]].append(e["id"])
        events.extend(event(seed, c * EVENTS_PER_COMMUNITY + k, ids) for k in range(EVENTS_PER_COMMUNITY))
    sources = [{"id": f"src{c}", "title": f"Compte rendu officiel, {town_name(seed, c)}", "date": dt.date(2024, 6, 1)}
               for c in range(communities)]
    return {"sources": sources, "entities": entities, "events": events}


def write_factbase(data: dict[str, Any], folder: Path, per_file: int = 20_000) -> list[Path]:
    """Write the fact data as YAML files of at most ``per_file`` entities each (events in the last)."""
    folder.mkdir(parents=True, exist_ok=True)
    ents = data["entities"]
    chunks = [ents[i:i + per_file] for i in range(0, len(ents), per_file)] or [[]]
    paths = []
    for n, chunk in enumerate(chunks):
        part: dict[str, Any] = {"entities": chunk}
        if n == 0:
            part = {"sources": data["sources"], **part}
        if n == len(chunks) - 1:
            part["events"] = data["events"]
        path = folder / f"facts-{n:03d}.yaml"
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when there: 10x faster
        text = yaml.dump(part, Dumper=dumper, allow_unicode=True, sort_keys=False, width=200)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# -- articles ------------------------------------------------------------------------------

_FILLER_FR = [
    "L'opposition dénonce une hausse de {p} % de la taxe foncière.",
    "Les travaux de rénovation devraient durer encore plusieurs mois, selon les services techniques.",
    "Le dossier a suscité de nombreuses réactions sur les réseaux sociaux.",
    "Plusieurs habitants ont fait part de leur inquiétude lors de la dernière permanence.",
    "Le budget de fonctionnement reste stable par rapport à l'an dernier.",
    "La question sera de nouveau abordée à la rentrée.",
    "Un rapport d'étape est attendu avant la fin de l'année.",
    "Les associations locales demandent davantage de transparence sur le calendrier.",
    "Le coût total de l'opération est estimé à {n} millions d'euros.",
    "Cette décision intervient dans un contexte financier tendu pour la commune.",
]
_FILLER_EN = [
    "Opposition members criticised a {p} per cent rise in council tax.",
    "Renovation work is expected to continue for several months, according to the technical services.",
    "The decision prompted many reactions on social media.",
    "Several residents voiced their concerns at the last public surgery.",
    "The operating budget is broadly unchanged from last year.",
    "The question will be raised again in the autumn.",
    "An interim report is expected before the end of the year.",
    "Local associations are asking for more transparency about the timetable.",
    "The total cost of the operation is estimated at {n} million pounds.",
    "The decision comes at a time of financial strain for the town.",
]


class Writer:
    """Writes articles about community 0 of a generated fact base, in French or English."""

    def __init__(self, data: dict[str, Any], seed: int) -> None:
        self.seed = seed
        self.entities = {e["id"]: e for e in data["entities"][:COMMUNITY]}
        self.events = data["events"][:EVENTS_PER_COMMUNITY]
        self.people = [e for e in self.entities.values() if e["kind"] == "person"]
        self.town = town_name(seed, 0)

    # -- small pieces --

    def _date(self, day: dt.date, lang: str, r: random.Random) -> str:
        style = r.randrange(3)
        if lang == "fr":
            d = "1er" if day.day == 1 else str(day.day)
            return [f"{d} {_MONTHS_FR[day.month - 1]}", f"{_WD_FR[day.weekday()]} {d} {_MONTHS_FR[day.month - 1]}",
                    f"{d} {_MONTHS_FR[day.month - 1]} {day.year}"][style]
        return [f"{_MONTHS_EN[day.month - 1]} {day.day}", f"{_WD_EN[day.weekday()]}, {_MONTHS_EN[day.month - 1]} "
                f"{day.day}", f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"][style]

    def _person(self, pid: str, lang: str, r: random.Random, titled: bool = True) -> str:
        e = self.entities[pid]
        if e["kind"] != "person":
            return e["name"]
        roles = e.get("roles") or []
        if titled and roles and r.random() < 0.5:
            short = roles[0]["aliases"][-2 if lang == "fr" else -1]
            det = "le " if lang == "fr" else ""
            return f"{det}{short} {e['name']}"
        return e["name"]

    def _list(self, ids: list[str], lang: str, r: random.Random) -> str:
        names = [self._person(i, lang, r) for i in ids]
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + (" et " if lang == "fr" else " and ") + names[-1]

    def _place(self, pid: str | None) -> str:
        return self.entities[pid]["name"] if pid in self.entities else self.town

    def _wrong_person(self, avoid: list[str], r: random.Random) -> str:
        pool = [p["id"] for p in self.people if p["id"] not in avoid]
        return r.choice(pool)

    # -- claims about one event --

    def meeting(self, ev: dict[str, Any], lang: str, r: random.Random) -> list[str]:
        att = list(ev["attendees"])
        host, others = att[0], att[1:]
        shown = r.sample(others, min(len(others), 2 + r.randrange(3)))
        if r.random() < 0.2:  # a false claim: someone who was not there
            shown[-1] = self._wrong_person(att, r)
        alias = ev["aliases"][1 if lang == "fr" else 2]
        day = self._date(ev["date"], lang, r)
        place = self._place(ev.get("place"))
        absent = self._wrong_person(att, r)
        if lang == "fr":
            return [
                f"{self._person(host, lang, r, False)} a tenu une réunion le {day} à {place} avec "
                f"{self._list(shown, lang, r)}.",
                f"La {alias}, réunie le {day}, a longuement débattu du calendrier.",
                f"{self._person(others[0], lang, r, False)} était également présent.",
                f"{self.entities[absent]['name']} n'assistait pas à la réunion.",
                f"Autour de la table se trouvaient {self._list(r.sample(att, min(3, len(att))), lang, r)}.",
            ]
        return [
            f"{self._person(host, lang, r, False)} chaired a meeting in {place} on {day} with "
            f"{self._list(shown, lang, r)}.",
            f"The {alias} met on {day} to review the timetable.",
            f"{self._person(others[0], lang, r, False)} was also at the meeting.",
            f"{self.entities[absent]['name']} was absent, the council said.",
            f"Around the table were {self._list(r.sample(att, min(3, len(att))), lang, r)}.",
        ]

    def closure(self, ev: dict[str, Any], lang: str, r: random.Random) -> list[str]:
        inf = ev["informed"]
        before, after, never = inf["before"], inf["after"], inf["never"]
        day = self._date(ev["date"], lang, r)
        place = self._place(ev.get("place"))
        b, a = r.choice(before), r.choice(after)
        if r.random() < 0.2:  # a false claim: told before, said after
            a, b = b, a
        n = ev["counts"]["staff"]
        if lang == "fr":
            out = [
                f"La {ev['aliases'][0]} a été décidée le {day} à {place}.",
                f"Selon nos informations, {self._person(b, lang, r)} avait été prévenu avant la fermeture.",
                f"{self._person(a, lang, r, False)} n'a été informé qu'après coup.",
                f"Les {n} agents ont été réaffectés dans d'autres équipements.",
            ]
            if never:
                out.append(f"{self.entities[never[0]]['name']} n'a jamais été prévenu.")
            return out
        out = [
            f"The {ev['aliases'][1]} was ordered on {day} at {place}.",
            f"{self._person(b, lang, r)} was informed before the closure, according to an internal email.",
            f"{self._person(a, lang, r, False)} was only informed after the closure.",
            f"The {n} staff were moved to other sites.",
        ]
        if never:
            out.append(f"{self.entities[never[0]]['name']} says they were never told.")
        return out

    def council(self, ev: dict[str, Any], lang: str, r: random.Random) -> list[str]:
        c = ev["counts"]
        day = self._date(ev["date"], lang, r)
        vf = c["votes_for"] + (2 if r.random() < 0.2 else 0)
        host = self.entities[ev["host"]]
        role = (host.get("roles") or [{"aliases": ["maire", "mayor"]}])[0]["aliases"]
        if lang == "fr":
            return [
                f"Le conseil municipal de {self.town} a adopté le {day} le budget primitif.",
                f"Le texte a recueilli {vf} voix pour, {c['votes_against']} contre et {c['abstentions']} abstentions.",
                f"La {role[-2]}, {host['name']}, a défendu « un budget de responsabilité ».",
                f"Le budget a été adopté par {vf} voix.",
            ]
        return [
            f"The {self.town} council meeting on {day} approved the budget.",
            f"The motion was adopted by {vf} votes, with {c['votes_against']} against.",
            f"The {role[-1]}, {host['name']}, defended the plan.",
        ]

    def recall(self, ev: dict[str, Any], lang: str, r: random.Random) -> list[str]:
        c = ev["counts"]
        day = self._date(ev["date"], lang, r)
        inf = ev["informed"]
        if lang == "fr":
            return [
                f"Le {ev['aliases'][0]} a été annoncé le {day}.",
                "Au total, " + f"{c['units']:,}".replace(",", "\u202f") + " autocuiseurs ont été fabriqués.",
                f"L'accident a fait {max(1, c['injured'])} blessés.",
                f"{self._person(inf['after'][0], lang, r, False)} n'a appris la nouvelle qu'après le rappel.",
            ]
        return [
            f"The {ev['aliases'][1]} was announced on {day}.",
            f"In all, {c['units']:,} cookers were produced.",
            f"The fault injured {max(1, c['injured'])} people.",
            f"{self._person(inf['before'][0], lang, r, False)} was told in advance.",
        ]

    def titles(self, lang: str, r: random.Random) -> list[str]:
        out = []
        for p in r.sample([p for p in self.people if p.get("roles")], 3):
            role = p["roles"][0]
            holder = p if r.random() < 0.8 else r.choice([q for q in self.people if q.get("roles")])
            if lang == "fr":
                out.append(f"Interrogé, le {role['aliases'][-2]} {holder['name']} n'a pas souhaité commenter.")
            else:
                out.append(f"The {role['aliases'][-1]}, {holder['name']}, declined to comment.")
        return out

    # -- articles --

    def article(self, n: int) -> tuple[str, str, dt.date]:
        """Article ``n``: (text, language, publication date)."""
        r = _rng(self.seed, "article", n)
        lang = "fr" if r.random() < 0.5 else "en"
        evs = r.sample(self.events, 4)
        date = max(e["date"]["to"] if isinstance(e["date"], dict) else e["date"] for e in evs) + dt.timedelta(days=3)
        filler = _FILLER_FR if lang == "fr" else _FILLER_EN
        paras: list[list[str]] = []
        for ev in evs:
            if ev["kind"] == "meeting" and "counts" in ev:
                claims = self.council(ev, lang, r)
            elif ev["kind"] == "meeting":
                claims = self.meeting(ev, lang, r)
            elif ev["kind"] == "closure":
                claims = self.closure(ev, lang, r)
            elif ev["kind"] == "recall":
                claims = self.recall(ev, lang, r)
            else:
                claims = [f"La {ev['aliases'][0]} s'ouvrira à {self._place(ev.get('place'))}." if lang == "fr"
                          else f"The {ev['aliases'][1]} will open in {self._place(ev.get('place'))}."]
            for i in range(0, len(claims), 3):
                para = claims[i:i + 3]
                for _ in range(2):
                    para.insert(r.randrange(len(para) + 1),
                                r.choice(filler).format(p=1 + r.randrange(9), n=2 + r.randrange(40)))
                paras.append(para)
        paras.append([*self.titles(lang, r), r.choice(filler).format(p=3, n=12)])
        title = (f"{self.town} : une semaine agitée au conseil" if lang == "fr"
                 else f"{self.town}: a turbulent week at the council")
        body = "\n\n".join(" ".join(p) for p in paras)
        return f"{title}\n\n{body}\n", lang, date


def articles(data: dict[str, Any], seed: int, count: int, start: int = 0) -> Iterator[tuple[str, str, dt.date]]:
    writer = Writer(data, seed)
    for n in range(start, start + count):
        yield writer.article(n)


def write_articles(data: dict[str, Any], seed: int, count: int, folder: Path) -> list[Path]:
    """Markdown files with front matter (date, lang), so ``verify check`` needs no --date."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, (text, lang, date) in enumerate(articles(data, seed, count)):
        path = folder / f"article-{n:05d}.{lang}.md"
        path.write_text(f"---\ndate: {date.isoformat()}\nlang: {lang}\n---\n\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


# -- rule packs ----------------------------------------------------------------------------

_RULE_ID = re.compile(r"^(\s*-\s+id:\s*)([a-z0-9][a-z0-9-]*)\s*$", re.MULTILINE)


def multiply_rules(source: Path, folder: Path, copies: int) -> Path:
    """A rule pack with ``copies`` copies of every rule (ids suffixed ``-xN``); shared word lists once."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in sorted(source.glob("*.yaml")):
        text = f.read_text(encoding="utf-8")
        if not _RULE_ID.search(text):  # lexicon and macros: once
            (folder / f.name).write_text(text, encoding="utf-8")
            continue
        for k in range(copies):
            body = text if k == 0 else _RULE_ID.sub(lambda m, k=k: f"{m.group(1)}{m.group(2)}-x{k}", text)
            if k:  # the shared lists and macros a rule file may also carry are kept in copy 0 only
                body = _strip_shared(body)
            (folder / f"{f.stem}-x{k}.yaml").write_text(body, encoding="utf-8")
    return folder


def _strip_shared(text: str) -> str:
    data = yaml.safe_load(text) or {}
    if set(data) <= {"rules"}:
        return text
    return yaml.safe_dump({"rules": data.get("rules", [])}, allow_unicode=True, sort_keys=False, width=200)
