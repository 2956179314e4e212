#!/usr/bin/env python3
"""Build the bundled synthetic sample data for asn-sentiment.

Everything in surveys/ except README.md and pools/ is written by this script:

* staff_survey_wave1_2026-02.csv, staff_survey_wave2_2026-05.csv  (Google Forms CSV export)
* staff_survey_wave3_2026-08.xlsx                                  (Google Sheets .xlsx export)
* public_comments.csv, events.csv
* truth/labels.csv          intended themes and sentiment of every open-text answer
* truth/story_staff.csv     intended shares per unit x wave (computed from the labels)
* truth/story_public.csv    intended shares per month and unit group
* the "story in numbers" section of README.md (between the STORY markers)

The texts come from the hand-written pools in pools/*.txt; this script only decides which
answer goes to which respondent, unit, wave and month, following the story set out in the
STORY section below. Standard library + openpyxl only. Fixed seed: running it twice gives
byte-identical files (the .xlsx included).

    python surveys/build_samples.py            # write everything
    python surveys/build_samples.py --check    # build in memory, compare with files on disk

All people, numbers (NIP, NIK, phone) and e-mail addresses are invented.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import re
import sys
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
POOLS = HERE / "pools"
TRUTH = HERE / "truth"
SEED = 20260312

# ----------------------------------------------------------------------------- taxonomy
RESIST = ("kebiasaan_lama", "kurang_sosialisasi", "ketidakpastian_jabatan",
          "beban_kerja", "kendala_teknologi", "ketidakpercayaan")
SUPPORT = ("pelayanan_membaik", "transparansi_akuntabilitas", "pelatihan_bermanfaat",
           "partisipasi_masyarakat", "dukungan_perubahan", "teknologi_memudahkan")
THEMES = RESIST + SUPPORT
SENT = {"neg": "negative", "neu": "neutral", "pos": "positive"}

# ----------------------------------------------------------------------------- units
# code, name in the form / comment sheet, respondents per wave, group
UNITS = [
    ("setda", "Sekretariat Daerah", (11, 11, 12), "membaik"),
    ("bkpsdm", "BKPSDM", (9, 10, 10), "membaik"),
    ("bappeda", "Bappeda", (8, 4, 9), "membaik"),
    ("dik", "Dinas Pendidikan", (20, 19, 22), "membaik"),
    ("kes", "Dinas Kesehatan", (18, 18, 20), "membaik"),
    ("pupr", "Dinas PUPR", (18, 17, 19), "perhatian"),
    ("dukcapil", "Disdukcapil", (12, 11, 13), "membaik"),
    ("kec", "Kecamatan Muara Bulian", (16, 16, 17), "perhatian"),
]
UNIT_NAME = {c: n for c, n, _, _ in UNITS}
UNIT_GROUP = {c: g for c, _, _, g in UNITS}
UNIT_CODE = {n: c for c, n, _, _ in UNITS}
SVC = ("dukcapil", "kes", "kec", "dik")  # public-facing service units ("svc" in pools)

# ============================================================================= STORY
# Staff survey. "membaik" = the six units where socialisation works,
# "perhatian" = Dinas PUPR and Kecamatan Muara Bulian, where resistance stays high.
WAVES = {
    1: dict(start=dt.date(2026, 2, 9), end=dt.date(2026, 2, 27),
            file="staff_survey_wave1_2026-02.csv"),
    2: dict(start=dt.date(2026, 5, 11), end=dt.date(2026, 5, 29),
            file="staff_survey_wave2_2026-05.csv"),
    3: dict(start=dt.date(2026, 8, 10), end=dt.date(2026, 8, 28),
            file="staff_survey_wave3_2026-08.xlsx"),
}
# share of respondents per stance: resist, mixed, support, quiet
STANCE = {
    ("membaik", 1): (0.50, 0.09, 0.13, 0.28),
    ("membaik", 2): (0.30, 0.16, 0.31, 0.23),
    ("membaik", 3): (0.14, 0.16, 0.52, 0.18),
    ("perhatian", 1): (0.62, 0.08, 0.08, 0.22),
    ("perhatian", 2): (0.64, 0.10, 0.10, 0.16),
    ("perhatian", 3): (0.66, 0.10, 0.10, 0.14),
}
# weights of the main resistance theme, in RESIST order:
#   kebiasaan_lama, kurang_sosialisasi, ketidakpastian_jabatan, beban_kerja, kendala_teknologi, ketidakpercayaan
RESIST_W = {
    ("membaik", 1): (26, 36, 16, 10, 6, 6),
    ("membaik", 2): (13, 15, 16, 12, 38, 6),
    ("membaik", 3): (10, 8, 32, 28, 12, 10),
    ("perhatian", 1): (18, 30, 26, 8, 6, 12),
    ("perhatian", 2): (10, 14, 28, 6, 26, 16),
    ("perhatian", 3): (6, 8, 42, 6, 6, 32),
}
# weights of the main support theme, in SUPPORT order:
#   pelayanan_membaik, transparansi_akuntabilitas, pelatihan_bermanfaat, partisipasi_masyarakat,
#   dukungan_perubahan, teknologi_memudahkan
SUPPORT_W = {
    1: (6, 22, 0, 4, 62, 6),
    2: (6, 12, 34, 3, 37, 8),
    3: (5, 8, 24, 12, 26, 25),
}
# Likert items: header, base mean per (group, wave)
LIKERT_ITEMS = [
    ("paham", "Saya memahami tujuan penataan organisasi ASN"),
    ("sosialisasi", "Sosialisasi yang dilakukan sudah cukup jelas"),
    ("posisi", "Saya yakin penataan ini tidak merugikan posisi saya"),
    ("aplikasi", "Aplikasi e-kinerja/e-office mudah digunakan"),
    ("dukung", "Saya mendukung penataan organisasi di unit saya"),
]
LIKERT_BASE = {
    ("membaik", 1): dict(paham=3.2, sosialisasi=2.7, posisi=3.1, aplikasi=3.2, dukung=3.4),
    ("membaik", 2): dict(paham=3.6, sosialisasi=3.3, posisi=3.2, aplikasi=2.8, dukung=3.6),
    ("membaik", 3): dict(paham=3.8, sosialisasi=3.6, posisi=3.3, aplikasi=3.6, dukung=3.7),
    ("perhatian", 1): dict(paham=3.1, sosialisasi=2.7, posisi=2.8, aplikasi=3.1, dukung=3.1),
    ("perhatian", 2): dict(paham=3.5, sosialisasi=3.1, posisi=2.6, aplikasi=2.8, dukung=3.0),
    ("perhatian", 3): dict(paham=3.7, sosialisasi=3.2, posisi=2.4, aplikasi=3.5, dukung=2.9),
}
LIKERT_WORDS = ("Sangat Tidak Setuju", "Tidak Setuju", "Netral", "Setuju", "Sangat Setuju")
STANCE_SHIFT = {"resist": -0.55, "mixed": -0.1, "support": 0.6, "quiet": 0.0}
THEME_SHIFT = {  # item shifts for a respondent whose answers carry a theme
    "kurang_sosialisasi": dict(paham=-0.4, sosialisasi=-0.7),
    "kebiasaan_lama": dict(dukung=-0.3),
    "ketidakpastian_jabatan": dict(posisi=-0.8, dukung=-0.2),
    "kendala_teknologi": dict(aplikasi=-0.9),
    "ketidakpercayaan": dict(dukung=-0.5, posisi=-0.3),
    "beban_kerja": dict(posisi=-0.2),
    "teknologi_memudahkan": dict(aplikasi=0.6),
    "pelatihan_bermanfaat": dict(aplikasi=0.3, paham=0.2),
    "dukungan_perubahan": dict(dukung=0.3, paham=0.2),
    "partisipasi_masyarakat": dict(sosialisasi=0.3),
}
# Kelompok Jabatan mix per wave (penyetaraan moves people from Struktural to Fungsional)
JABATAN = {1: (("Struktural", 22), ("Fungsional", 28), ("Pelaksana", 50)),
           2: (("Struktural", 15), ("Fungsional", 35), ("Pelaksana", 50)),
           3: (("Struktural", 11), ("Fungsional", 41), ("Pelaksana", 48))}

# Public comments: comments per month (Jan..Aug 2026); spikes in March (offices merged after
# the first socialisation), May (online queue launch at Disdukcapil) and July (public forum).
MONTH_N = {1: 30, 2: 34, 3: 52, 4: 36, 5: 58, 6: 38, 7: 48, 8: 44}
OPD_W_BASE = {"dukcapil": 30, "kes": 14, "dik": 10, "pupr": 15, "kec": 13,
              "bkpsdm": 4, "setda": 3, "bappeda": 3, "": 8}
OPD_W_MONTH = {3: {"": 10, "setda": 3, "kec": 3, "pupr": 2}, 5: {"dukcapil": 28},
               6: {"dik": 8}, 7: {"kec": 6, "bappeda": 3, "": 6, "pupr": 4, "bkpsdm": 3},
               8: {"bkpsdm": 2}}
# category shares (negative, positive, mixed, neutral) per month and unit group
PUB_CAT = {
    "membaik": {1: (.62, .14, .06, .18), 2: (.60, .16, .06, .18), 3: (.56, .18, .10, .16),
                4: (.44, .30, .08, .18), 5: (.54, .22, .12, .12), 6: (.34, .44, .10, .12),
                7: (.26, .52, .10, .12), 8: (.22, .58, .08, .12)},
    "perhatian": {1: (.64, .12, .06, .18), 2: (.62, .12, .08, .18), 3: (.62, .14, .08, .16),
                  4: (.60, .16, .08, .16), 5: (.60, .16, .08, .16), 6: (.58, .18, .10, .14),
                  7: (.52, .26, .10, .12), 8: (.56, .22, .10, .12)},
}
# negative themes per month, in RESIST order + "" (no theme)
PUB_NEG_W = {
    1: (24, 10, 4, 26, 12, 16, 8), 2: (24, 10, 5, 26, 12, 15, 8),
    3: (16, 36, 4, 16, 8, 12, 8), 4: (20, 14, 5, 24, 14, 15, 8),
    5: (8, 8, 3, 14, 54, 8, 5), 6: (14, 10, 6, 20, 24, 18, 8),
    7: (12, 8, 14, 22, 12, 24, 8), 8: (14, 6, 10, 26, 12, 24, 8),
}
# positive themes per month, in SUPPORT order
PUB_POS_W = {
    1: (34, 18, 0, 18, 24, 6), 2: (34, 18, 0, 18, 24, 6), 3: (30, 10, 0, 10, 44, 6),
    4: (44, 16, 2, 16, 14, 8), 5: (44, 12, 6, 12, 10, 16), 6: (47, 8, 6, 10, 6, 23),
    7: (36, 6, 4, 36, 4, 14), 8: (44, 8, 6, 8, 6, 28),
}
FORUM_DAYS = {1: [22], 2: [19], 3: [26], 4: [23], 5: [21], 6: [25], 7: [8, 8, 8, 23], 8: [20]}
SPIKE_DAYS = {3: range(12, 21), 5: range(4, 16), 6: range(15, 31), 7: range(6, 14)}
CHANNELS = {"inf": (("Instagram", 50), ("Facebook", 38), ("Formulir Web", 12)),
            "sos": (("Instagram", 55), ("Facebook", 45)),
            "form": (("LAPOR!", 60), ("Formulir Web", 40)),
            "forum": (("Forum Warga", 1),)}

EVENTS = [
    ("2026-03-12", "Sosialisasi tahap 1 – seluruh OPD di aula kantor bupati"),
    ("2026-04-20", "Bimtek e-kinerja untuk operator OPD"),
    ("2026-06-09", "Bimtek e-kinerja lanjutan untuk seluruh pegawai"),
    ("2026-06-18", "Sosialisasi tahap 2 – forum per OPD"),
    ("2026-07-08", "Forum konsultasi publik penataan OPD bersama warga"),
    ("2026-07-22", "Musyawarah penataan jabatan fungsional"),
]

Q_KENDALA = "Apa kendala utama yang Anda rasakan dalam penataan organisasi ini?"
Q_SARAN = "Saran dan masukan Anda"
STAFF_HEADER = (["Cap waktu", "Nama (opsional)", "Unit Kerja", "Kelompok Jabatan"]
                + [h for _, h in LIKERT_ITEMS] + [Q_KENDALA, Q_SARAN])
PUBLIC_HEADER = ["tanggal", "kanal", "OPD Tujuan", "komentar"]

# invented respondents who chose to fill in the optional name field
NAMES = ["Rini Oktavia", "M. Fadli", "Dewi Anggraini", "Syaiful A.", "Nur Aisyah",
         "Hendra Saputra", "Yuliana", "Ahmad Zaki", "Sri Wahyuningsih", "Rizky Pratama",
         "Leni Marlina", "Eka Putri Lestari", "Taufik H.", "Wulan Sari", "Agus Salim Nasution",
         "Fitri Ramadhani", "Doni Kurniawan", "Siti Halimah", "Bambang W.", "Indah Permata"]
EMAIL_USERS = ["rina.oktaviani", "fadli.staf", "dewi.angg88", "operator.kinerja",
               "hendra.pupr01", "nuraisyah.bulian", "zaki_ahmad", "wulansari.kes",
               "warga.batanghari", "pengadu2026", "rizky.pratama91", "leni.m"]
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]


# ============================================================================= pools
@dataclass
class Entry:
    uid: int
    text: str
    themes: tuple
    sentiment: str
    stock: bool
    periods: frozenset  # waves (staff) or months (public)
    units: tuple  # unit codes, "*" any, "-" none
    register: str  # public only
    weight: int = 1  # stock answers: how often people give this one

    @property
    def kind(self) -> str:
        if self.stock:
            return "stock"
        r = any(t in RESIST for t in self.themes)
        s = any(t in SUPPORT for t in self.themes)
        if r and s:
            return "mixed"
        return "resist" if r else "support" if s else "none"


def _periods(spec: str) -> frozenset:
    if "-" in spec:
        a, b = spec.split("-")
        return frozenset(range(int(a), int(b) + 1))
    return frozenset(int(c) for c in spec)


def load_pool(path: Path, uid0: int) -> list[Entry]:
    entries, ctx = [], {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            ctx = dict(kv.split("=", 1) for kv in line[1:].split())
            continue
        try:
            sent, themes, text = (p.strip() for p in line.split(" | ", 2))
        except ValueError:
            raise SystemExit(f"{path.name}:{n}: expected 'sentiment | themes | text'") from None
        stock = sent.startswith("*")
        m = re.match(r"\*(\d*)", sent)
        weight = int(m.group(1)) if m and m.group(1) else 1
        sent = sent.lstrip("*0123456789")
        ths = () if themes == "-" else tuple(themes.split(";"))
        bad = [t for t in ths if t not in THEMES]
        if sent not in SENT or bad:
            raise SystemExit(f"{path.name}:{n}: bad sentiment or theme {sent!r} {bad}")
        if "w" in ctx:
            periods = _periods(ctx["w"])
        else:
            periods = _periods(ctx["m"])
        units = ctx.get("u", ctx.get("o", "*"))
        units = SVC if units == "svc" else tuple(units.split(","))
        entries.append(Entry(uid0 + len(entries), text.replace("\\n", "\n"), ths, SENT[sent],
                             stock, periods, units, ctx.get("r", ""), weight))
    return entries


# ============================================================================= helpers
def wchoice(rng: random.Random, pairs):
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def quota(n: int, shares) -> list[int]:
    """Largest-remainder allocation of n items to the given shares."""
    raw = [n * s / sum(shares) for s in shares]
    out = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: n - sum(out)]:
        out[i] += 1
    return out


class Picker:
    """Draws pool entries without replacement (stock answers excepted)."""

    def __init__(self, rng: random.Random, pool: list[Entry]):
        self.rng, self.pool, self.used = rng, pool, set()
        self.reused = Counter()
        self.misses = Counter()  # (kind, theme, period, unit) that had to reuse a text

    def _weight(self, e: Entry, unit: str) -> float:
        w = 4.0 if unit in e.units else 1.0
        if len(e.periods) == 1:
            w *= 2.0
        elif len(e.periods) <= 3:
            w *= 1.4
        return w

    def cands(self, kind, period, unit, theme=None, first=True):
        out = []
        for e in self.pool:
            if e.kind != kind or period not in e.periods:
                continue
            if not (unit in e.units or "*" in e.units or (unit == "" and "-" in e.units)):
                continue
            if theme is not None and (e.themes[:1] != (theme,) if first else theme not in e.themes):
                continue
            out.append(e)
        return out

    def pick(self, kind, period, unit, theme_w=None, tries=8, reuse=True, sentiment=None):
        """theme_w: list of (theme, weight) or None. Returns an Entry, or None when nothing
        fits (or when only used texts fit and reuse is False)."""
        def ok(e):
            return sentiment is None or e.sentiment == sentiment

        for _ in range(tries):
            theme = wchoice(self.rng, theme_w) if theme_w else None
            for first in (True, False):
                c = [e for e in self.cands(kind, period, unit, theme, first)
                     if e.uid not in self.used and ok(e)]
                if c:
                    e = self.rng.choices(c, weights=[self._weight(x, unit) for x in c])[0]
                    self.used.add(e.uid)
                    return e
                if theme is None:
                    break
        if not reuse:
            return None
        theme = wchoice(self.rng, theme_w) if theme_w else None
        c = ([e for e in self.cands(kind, period, unit, theme) if ok(e)]
             or [e for e in self.cands(kind, period, unit) if ok(e)])
        if not c:
            return None
        e = self.rng.choice(c)
        self.reused[e.text] += 1
        self.misses[(kind, theme, period, unit)] += 1
        return e

    def stock(self, period, unit, prefer_dash=0.0):
        c = self.cands("stock", period, unit)
        if prefer_dash and self.rng.random() < prefer_dash:
            c = [e for e in c if e.text == "-"] or c
        return self.rng.choices(c, weights=[e.weight for e in c])[0]


class Filler:
    """Fills {NIP} {NIK} {HP} {EMAIL} with recognisably synthetic values."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def nip(self) -> str:
        r = self.rng
        birth = dt.date(1968, 1, 1) + dt.timedelta(days=r.randrange(0, 30 * 365))
        ym = (min(birth.year + r.randint(22, 32), 2024), r.randint(1, 12))
        return f"{birth:%Y%m%d}{ym[0]}{ym[1]:02d}{r.choice('12')}9{r.randint(0, 99):02d}"

    def nik(self) -> str:
        r = self.rng
        day, month, year = r.randint(1, 28), r.randint(1, 12), r.randint(60, 99)
        if r.random() < 0.5:
            day += 40
        return f"1504{r.randint(1, 8):02d}{day:02d}{month:02d}{year:02d}99{r.randint(0, 99):02d}"

    def hp(self) -> str:
        r = self.rng
        pre = r.choice(["0812", "0813", "0852", "0821", "0822", "0853"])
        tail = f"{r.randint(0, 9999):04d}"
        style = r.randrange(4)
        if style == 0:
            return f"{pre}-0000-{tail}"
        if style == 1:
            return f"{pre}0000{tail}"
        if style == 2:
            return f"+62 {pre[1:]}-0000-{tail}"
        return f"62{pre[1:]} 0000 {tail}"

    def email(self) -> str:
        return f"{self.rng.choice(EMAIL_USERS)}@{self.rng.choice(EMAIL_DOMAINS)}"

    def fill(self, text: str):
        kinds = []
        for ph, fn, kind in (("{NIP}", self.nip, "nip"), ("{NIK}", self.nik, "nik"),
                             ("{HP}", self.hp, "phone"), ("{EMAIL}", self.email, "email")):
            while ph in text:
                text = text.replace(ph, fn(), 1)
                kinds.append(kind)
        return text, kinds


def roughen(rng: random.Random, text: str) -> str:
    """Light, label-preserving variation in how people type short staff answers."""
    if len(text) < 4 or "\n" in text:
        return text
    r = rng.random()
    if r < 0.12 and text[0].isupper() and not text[:3].isupper():
        text = text[0].lower() + text[1:]
    if rng.random() < 0.18 and text.endswith(".") and text.count(".") == 1:
        text = text[:-1]
    return text


# ============================================================================= staff survey
@dataclass
class Answer:
    text: str
    entry: Entry | None
    pii: list


def build_staff(rng: random.Random, kendala: list[Entry], saran: list[Entry], filler: Filler):
    pk, ps = Picker(rng, kendala), Picker(rng, saran)
    waves = {}
    for w, spec in WAVES.items():
        rows = []
        for code, name, sizes, group in UNITS:
            n = sizes[w - 1]
            counts = quota(n, STANCE[(group, w)])
            stances = sum(([s] * k for s, k in zip(("resist", "mixed", "support", "quiet"), counts)), [])
            rng.shuffle(stances)
            rw = list(zip(RESIST, RESIST_W[(group, w)]))
            sw = [p for p in zip(SUPPORT, SUPPORT_W[w]) if p[1] > 0]
            days = burst_days(rng, spec["start"], spec["end"])
            # stratified uniforms per stance: small units still follow the intended mix
            strata = {s: stratified(rng, stances.count(s)) for s in sorted(set(stances))}
            strata1 = {s: stratified(rng, stances.count(s)) for s in sorted(set(stances))}
            # main resistance theme of each resisting respondent: allocated, not drawn
            n_res = stances.count("resist")
            mains = sum(([t] * k for t, k in zip(RESIST, quota(n_res, RESIST_W[(group, w)]))), [])
            rng.shuffle(mains)
            for stance in stances:
                main = mains.pop() if stance == "resist" else None
                a1, a2 = staff_answers(rng, pk, ps, stance, w, code, rw, sw,
                                       strata[stance].pop(), strata1[stance].pop(), main)
                answers = []
                for a in (a1, a2):
                    if a is None:
                        answers.append(Answer("", None, []))
                        continue
                    text, pii = filler.fill(a.text)
                    if not a.stock:
                        text = roughen(rng, text)
                    answers.append(Answer(text, a, pii))
                themes = set()
                for a in answers:
                    if a.entry:
                        themes.update(a.entry.themes)
                rows.append(dict(
                    ts=timestamp(rng, days, spec["start"], spec["end"]),
                    name=respondent_name(rng), unit=name, code=code, group=group,
                    jabatan=wchoice(rng, JABATAN[w]),
                    likert=likert(rng, group, w, stance, themes),
                    answers=answers, stance=stance))
        rows.sort(key=lambda r: r["ts"])
        for i in range(1, len(rows)):  # Google Forms never records two identical timestamps
            if rows[i]["ts"] <= rows[i - 1]["ts"]:
                rows[i]["ts"] = rows[i - 1]["ts"] + dt.timedelta(seconds=rng.randint(7, 90))
        drop_some_likert(rng, rows, w)
        waves[w] = rows
    return waves, pk.reused + ps.reused


def stratified(rng, k: int) -> list[float]:
    """k uniforms in [0, 1), one per stratum of width 1/k, in random order."""
    out = [(i + rng.random()) / k for i in range(k)]
    rng.shuffle(out)
    return out


def staff_answers(rng, pk: Picker, ps: Picker, stance, w, unit, rw, sw, r, r1, main=None):
    if stance == "resist":
        a1 = (pk.pick("resist", w, unit, [(main, 1)], tries=1, reuse=False)
              or pk.pick("resist", w, unit, rw))
        first = a1.themes[0]
        if r < 0.66:
            tw = [(first, 1.0)] if rng.random() < 0.45 else rw
            a2 = ps.pick("resist", w, unit, tw)
        elif r < 0.74:
            a2 = ps.pick("none", w, unit, reuse=False) or ps.stock(w, unit)
        elif r < 0.80:
            a2 = ps.stock(w, unit)
        else:
            a2 = None
    elif stance == "mixed":
        a1 = pk.pick("mixed", w, unit, reuse=False) or pk.pick("resist", w, unit, rw)
        if r < 0.45:
            a2 = ps.pick("support", w, unit, sw)
        elif r < 0.70:
            a2 = ps.pick("mixed", w, unit, reuse=False) or ps.pick("support", w, unit, sw)
        elif r < 0.80:
            a2 = ps.pick("resist", w, unit, rw)
        else:
            a2 = None
    elif stance == "support":
        if r1 < 0.58:
            a1 = pk.pick("support", w, unit, sw)
        elif r1 < 0.92:
            a1 = pk.stock(w, unit)
        else:
            a1 = pk.pick("none", w, unit, reuse=False) or pk.stock(w, unit)
        if r < 0.78:
            a2 = ps.pick("support", w, unit, sw)
        elif r < 0.86:
            a2 = ps.pick("none", w, unit, reuse=False) or ps.stock(w, unit)
        else:
            a2 = None
    else:  # quiet
        a1 = (pk.stock(w, unit, prefer_dash=0.35) if r1 < 0.62
              else pk.pick("none", w, unit, reuse=False) or pk.stock(w, unit))
        if r < 0.50:
            a2 = None
        elif r < 0.82:
            a2 = ps.stock(w, unit, prefer_dash=0.3)
        else:
            a2 = ps.pick("none", w, unit, reuse=False) or ps.stock(w, unit)
    return a1, a2


def burst_days(rng, start: dt.date, end: dt.date):
    """Each unit answers mostly on two or three 'reminder' days."""
    span = (end - start).days
    days = [start + dt.timedelta(days=d) for d in range(span + 1)]
    work = [d for d in days if d.weekday() < 5]
    return rng.sample(work, 3)


def timestamp(rng, bursts, start, end) -> dt.datetime:
    if rng.random() < 0.72:
        day = rng.choice(bursts) + dt.timedelta(days=rng.choice([0, 0, 0, 1]))
    else:
        day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
    if day > end:
        day = end
    if day.weekday() >= 5 and rng.random() < 0.8:
        day -= dt.timedelta(days=day.weekday() - 4)
    if rng.random() < 0.1:
        secs = rng.randint(19 * 3600, 22 * 3600 + 1800)
    else:
        secs = rng.randint(7 * 3600 + 1800, 16 * 3600 + 1800)
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=secs)


def respondent_name(rng) -> str:
    r = rng.random()
    if r < 0.065:
        return rng.choice(NAMES)
    if r < 0.09:
        return "-"
    if r < 0.105:
        return rng.choice(["Anonim", "anonim", "Rahasia", "ASN"])
    return ""


def likert(rng, group, w, stance, themes) -> dict:
    base = LIKERT_BASE[(group, w)]
    person = rng.gauss(0, 0.35)
    out = {}
    for key, _ in LIKERT_ITEMS:
        mu = base[key] + STANCE_SHIFT[stance] + person
        for t in themes:
            mu += THEME_SHIFT.get(t, {}).get(key, 0.0)
        x = round(mu + rng.gauss(0, 0.7))
        out[key] = min(5, max(1, x))
    return out


def drop_some_likert(rng, rows, w):
    """A few Likert cells left empty (the items were not set to 'required' in every form)."""
    for _ in range({1: 3, 2: 2, 3: 1}[w]):
        row = rng.choice(rows)
        row["likert"][rng.choice(LIKERT_ITEMS)[0]] = None


# ============================================================================= public comments
def build_public(rng: random.Random, pool: list[Entry], filler: Filler):
    pick = Picker(rng, pool)
    rows = []
    for m, n in MONTH_N.items():
        opd_w = dict(OPD_W_BASE)
        for k, v in OPD_W_MONTH.get(m, {}).items():
            opd_w[k] += v
        opds = [wchoice(rng, sorted(opd_w.items())) for _ in range(n)]
        by_group = defaultdict(list)
        for i, o in enumerate(opds):
            by_group[UNIT_GROUP.get(o, "membaik")].append(i)
        cats = [None] * n
        for g, idx in sorted(by_group.items()):
            counts = quota(len(idx), PUB_CAT[g][m])
            lab = sum(([c] * k for c, k in zip(("neg", "pos", "mixed", "neutral"), counts)), [])
            rng.shuffle(lab)
            for i, c in zip(idx, lab):
                cats[i] = c
        neg_w = list(zip(RESIST + ("",), PUB_NEG_W[m]))
        pos_w = [p for p in zip(SUPPORT, PUB_POS_W[m]) if p[1] > 0]
        for o, cat in zip(opds, cats):
            e = None
            if cat == "neg":
                theme = wchoice(rng, neg_w)
                if theme == "":
                    e = pick.pick("none", m, o, sentiment="negative", reuse=False)
                else:
                    e = pick.pick("resist", m, o, [(theme, 1)], tries=1, reuse=False)
                e = e or pick.pick("resist", m, o, [p for p in neg_w if p[0]])
            elif cat == "pos":
                e = pick.pick("support", m, o, pos_w)
            elif cat == "mixed":
                e = pick.pick("mixed", m, o, reuse=False)
            if e is None:  # neutral, or no mixed text left for this unit and month
                e = (pick.pick("none", m, o, sentiment="neutral", reuse=False)
                     or pick.stock(m, o))
            if e.units == ("-",):
                o = ""
            text, pii = filler.fill(e.text)
            chan = wchoice(rng, CHANNELS[e.register or "inf"])
            if e.register == "forum":
                day = rng.choice(FORUM_DAYS[m])
            elif m in SPIKE_DAYS and rng.random() < 0.55:
                day = rng.choice(list(SPIKE_DAYS[m]))
            else:
                day = rng.randint(1, 28 if m == 2 else 30)
            rows.append(dict(date=dt.date(2026, m, day), channel=chan,
                             opd=UNIT_NAME.get(o, ""), code=o, text=text, entry=e, pii=pii,
                             month=m, order=rng.random()))
    rows.sort(key=lambda r: (r["date"], r["order"]))
    return rows, pick.reused


# ============================================================================= writers
def staff_csv(rows) -> bytes:
    buf = io.StringIO()
    wr = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    wr.writerow(STAFF_HEADER)
    for r in rows:
        wr.writerow(staff_cells(r, as_text=True))
    return buf.getvalue().encode("utf-8")


def staff_cells(r, as_text):
    ts = r["ts"].strftime("%d/%m/%Y %H:%M:%S") if as_text else r["ts"]
    lik = [LIKERT_WORDS[r["likert"][k] - 1] if r["likert"][k] else "" for k, _ in LIKERT_ITEMS]
    return [ts, r["name"], r["unit"], r["jabatan"], *lik, *(a.text for a in r["answers"])]


FIXED_ZIP_TIME = (2026, 8, 28, 17, 0, 0)


def staff_xlsx(rows) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise SystemExit("openpyxl is needed: pip install openpyxl") from None
    wb = Workbook()
    ws = wb.active
    ws.title = "Jawaban Formulir 1"
    ws.append(STAFF_HEADER)
    for r in rows:
        cells = staff_cells(r, as_text=False)
        ws.append([c if c != "" else None for c in cells])
    for row in ws.iter_rows(min_row=2, min_col=1, max_col=1):
        row[0].number_format = "dd/mm/yyyy hh:mm:ss"
    widths = [20, 18, 24, 17] + [14] * len(LIKERT_ITEMS) + [60, 60]
    for i, wdt in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = wdt
    ws.freeze_panes = "A2"
    stamp = dt.datetime(*FIXED_ZIP_TIME)
    wb.properties.creator = "asn-sentiment build_samples.py"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    raw = io.BytesIO()
    wb.save(raw)
    # re-pack with fixed timestamps so that the file is byte-identical between runs
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>2026-08-28T17:00:00Z", data)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    return out.getvalue()


def public_csv(rows) -> bytes:
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\n")
    wr.writerow(PUBLIC_HEADER)
    for r in rows:
        wr.writerow([r["date"].strftime("%d/%m/%Y"), r["channel"], r["opd"], r["text"]])
    return buf.getvalue().encode("utf-8")


def events_csv() -> bytes:
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\n")
    wr.writerow(["tanggal", "kegiatan"])
    wr.writerows(EVENTS)
    return buf.getvalue().encode("utf-8")


# ============================================================================= truth + story
def truth_records(waves, public):
    recs = []
    for w, rows in waves.items():
        fname = WAVES[w]["file"]
        for i, r in enumerate(rows, 1):
            for q, a in zip((Q_KENDALA, Q_SARAN), r["answers"]):
                if not a.text:
                    continue
                recs.append(dict(file=fname, row=i, question=q, unit=r["unit"],
                                 period=f"wave{w}", themes=";".join(a.entry.themes),
                                 sentiment=a.entry.sentiment, pii=";".join(a.pii),
                                 _text=a.text, _group=r["group"]))
    for i, r in enumerate(public, 1):
        recs.append(dict(file="public_comments.csv", row=i, question="komentar", unit=r["opd"],
                         period=f"2026-{r['month']:02d}", themes=";".join(r["entry"].themes),
                         sentiment=r["entry"].sentiment, pii=";".join(r["pii"]),
                         _text=r["text"], _group=UNIT_GROUP.get(r["code"], "membaik")))
    return recs


TRUTH_COLS = ["file", "row", "question", "unit", "period", "themes", "sentiment", "pii"]


def truth_csv(recs) -> bytes:
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\n")
    wr.writerow(TRUTH_COLS)
    for r in recs:
        wr.writerow([r[c] for c in TRUTH_COLS])
    return buf.getvalue().encode("utf-8")


PLACEHOLDER = re.compile(r"^[\s\-.,_/–—]*$")


def is_substantive(text: str) -> bool:
    """Answers counted in the shares: not empty and not just '-', '.' or similar."""
    return bool(text.strip()) and not PLACEHOLDER.match(text.strip())


def shares(recs) -> dict:
    recs = [r for r in recs if is_substantive(r["_text"])]
    n = len(recs)
    out = dict(n_answers=n)
    if not n:
        return out
    th = [set(filter(None, r["themes"].split(";"))) for r in recs]
    out["resistance"] = sum(bool(t & set(RESIST)) for t in th) / n
    out["support"] = sum(bool(t & set(SUPPORT)) for t in th) / n
    for s in ("negative", "neutral", "positive"):
        out[s] = sum(r["sentiment"] == s for r in recs) / n
    for t in THEMES:
        out[t] = sum(t in x for x in th) / n
    return out


STORY_COLS = (["n_answers", "resistance", "support", "negative", "neutral", "positive"]
              + list(THEMES))


def story_staff(recs, waves):
    staff = [r for r in recs if r["period"].startswith("wave")]
    lines = []
    cells = []
    for code, name, _, group in UNITS:
        cells.append((name, group, lambda r, n=name: r["unit"] == n))
    cells.append(("(6 units: membaik)", "membaik", lambda r: r["_group"] == "membaik"))
    cells.append(("(2 units: perhatian)", "perhatian", lambda r: r["_group"] == "perhatian"))
    cells.append(("(all units)", "", lambda r: True))
    for label, group, f in cells:
        for w in (1, 2, 3):
            sel = [r for r in staff if r["period"] == f"wave{w}" and f(r)]
            resp = [x for x in waves[w] if f(dict(unit=x["unit"], _group=x["group"]))]
            lk = {}
            for key, _ in LIKERT_ITEMS:
                vals = [x["likert"][key] for x in resp if x["likert"][key]]
                lk[f"likert_{key}"] = sum(vals) / len(vals) if vals else None
            lines.append(dict(unit=label, group=group, wave=w, n_respondents=len(resp),
                              **shares(sel), **lk))
    return lines


def story_public(recs):
    pub = [r for r in recs if r["file"] == "public_comments.csv"]
    lines = []
    for label, f in (("(all)", lambda r: True),
                     ("membaik", lambda r: r["_group"] == "membaik"),
                     ("perhatian", lambda r: r["_group"] == "perhatian")):
        for m in MONTH_N:
            sel = [r for r in pub if r["period"] == f"2026-{m:02d}" and f(r)]
            lines.append(dict(month=f"2026-{m:02d}", group=label, **shares(sel)))
    return lines


def story_csv(lines, keys) -> bytes:
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\n")
    wr.writerow(keys)
    for ln in lines:
        row = []
        for k in keys:
            v = ln.get(k)
            row.append("" if v is None else f"{v:.3f}" if isinstance(v, float) else v)
        wr.writerow(row)
    return buf.getvalue().encode("utf-8")


def pct(x):
    return "–" if x is None else f"{100 * x:.0f}%"


def story_markdown(st, sp, counts) -> str:
    L = []
    a = L.append
    a("### Staff survey: share of answers carrying a resistance / support theme\n")
    a("Answers = non-empty open-text answers (both questions) that are not just `-`. "
      "Each cell: resistance / support (n answers; n respondents).\n")
    a("| Unit Kerja | group | wave 1 (Feb) | wave 2 (May) | wave 3 (Aug) |")
    a("|---|---|---|---|---|")
    by = defaultdict(dict)
    for ln in st:
        by[ln["unit"]][ln["wave"]] = ln
    for unit, d in by.items():
        cells = [f"{pct(d[w].get('resistance'))} / {pct(d[w].get('support'))} "
                 f"({d[w]['n_answers']}; {d[w]['n_respondents']})" for w in (1, 2, 3)]
        a(f"| {unit} | {d[1]['group']} | " + " | ".join(cells) + " |")
    a("\n### Staff survey: theme shares per wave (share of answers)\n")
    a("| theme | kind | membaik w1 | w2 | w3 | perhatian w1 | w2 | w3 |")
    a("|---|---|---|---|---|---|---|---|")
    for t in THEMES:
        kind = "resistance" if t in RESIST else "support"
        vals = [pct(by["(6 units: membaik)"][w].get(t)) for w in (1, 2, 3)]
        vals += [pct(by["(2 units: perhatian)"][w].get(t)) for w in (1, 2, 3)]
        a(f"| `{t}` | {kind} | " + " | ".join(vals) + " |")
    for s in ("negative", "positive"):
        vals = [pct(by["(6 units: membaik)"][w].get(s)) for w in (1, 2, 3)]
        vals += [pct(by["(2 units: perhatian)"][w].get(s)) for w in (1, 2, 3)]
        a(f"| sentiment {s} | | " + " | ".join(vals) + " |")
    a("\n### Staff survey: mean Likert score (1 = Sangat Tidak Setuju … 5 = Sangat Setuju)\n")
    a("| item | membaik w1 | w2 | w3 | perhatian w1 | w2 | w3 |")
    a("|---|---|---|---|---|---|---|")
    for key, head in LIKERT_ITEMS:
        vals = [f"{by['(6 units: membaik)'][w][f'likert_{key}']:.2f}" for w in (1, 2, 3)]
        vals += [f"{by['(2 units: perhatian)'][w][f'likert_{key}']:.2f}" for w in (1, 2, 3)]
        a(f"| {head} | " + " | ".join(vals) + " |")
    a("\n### Public comments per month\n")
    a("| month | n | negative | positive | resistance | support | `kendala_teknologi` | "
      "`beban_kerja` | `kurang_sosialisasi` | `pelayanan_membaik` | `teknologi_memudahkan` | "
      "`partisipasi_masyarakat` | resistance, PUPR + Kecamatan |")
    a("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    pm = {(ln["group"], ln["month"]): ln for ln in sp}
    for m in MONTH_N:
        k = f"2026-{m:02d}"
        d, att = pm[("(all)", k)], pm[("perhatian", k)]
        a(f"| {k} | {d['n_answers']} | {pct(d['negative'])} | {pct(d['positive'])} | "
          f"{pct(d['resistance'])} | {pct(d['support'])} | {pct(d['kendala_teknologi'])} | "
          f"{pct(d['beban_kerja'])} | {pct(d['kurang_sosialisasi'])} | "
          f"{pct(d['pelayanan_membaik'])} | {pct(d['teknologi_memudahkan'])} | "
          f"{pct(d['partisipasi_masyarakat'])} | {pct(att.get('resistance'))} "
          f"(n={att['n_answers']}) |")
    a("\n### Counts\n")
    for k, v in counts.items():
        a(f"- {k}: {v}")
    return "\n".join(L) + "\n"


BEGIN = "<!-- BEGIN STORY: generated by build_samples.py, do not edit by hand -->"
END = "<!-- END STORY -->"


def readme_with_story(md: str) -> bytes | None:
    path = HERE / "README.md"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        return None
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return (head + BEGIN + "\n\n" + md + "\n" + END + tail).encode("utf-8")


# ============================================================================= main
def build() -> tuple[dict, dict]:
    kendala = load_pool(POOLS / "staff_kendala.txt", 0)
    saran = load_pool(POOLS / "staff_saran.txt", 10_000)
    public_pool = load_pool(POOLS / "public.txt", 20_000)
    rng = random.Random(SEED)
    filler = Filler(random.Random(SEED + 1))
    waves, reused_s = build_staff(rng, kendala, saran, filler)
    public, reused_p = build_public(random.Random(SEED + 2), public_pool, filler)

    files = {}
    for w in (1, 2):
        files[WAVES[w]["file"]] = staff_csv(waves[w])
    files[WAVES[3]["file"]] = staff_xlsx(waves[3])
    files["public_comments.csv"] = public_csv(public)
    files["events.csv"] = events_csv()
    recs = truth_records(waves, public)
    files["truth/labels.csv"] = truth_csv(recs)
    st, sp = story_staff(recs, waves), story_public(recs)
    skeys = (["unit", "group", "wave", "n_respondents"] + STORY_COLS
             + [f"likert_{k}" for k, _ in LIKERT_ITEMS])
    files["truth/story_staff.csv"] = story_csv(st, skeys)
    files["truth/story_public.csv"] = story_csv(sp, ["month", "group"] + STORY_COLS)

    staff_texts = [a.text for rows in waves.values() for r in rows for a in r["answers"] if a.text]
    pub_texts = [r["text"] for r in public]
    counts = {
        "respondents per wave": ", ".join(f"wave {w}: {len(waves[w])}" for w in waves),
        "respondents in total": sum(len(v) for v in waves.values()),
        "non-empty open-text answers (staff)": len(staff_texts),
        "distinct staff answer texts": len(set(staff_texts)),
        "public comments": len(public),
        "distinct public comment texts": len(set(pub_texts)),
        "labelled open-text cells in truth/labels.csv": len(recs),
        "cells with personal data (NIP/NIK/phone/e-mail)": sum(bool(r["pii"]) for r in recs),
    }
    md = story_markdown(st, sp, counts)
    readme = readme_with_story(md)
    if readme is not None:
        files["README.md"] = readme
    diag = dict(reused_staff=reused_s, reused_public=reused_p, counts=counts, md=md)
    return files, diag


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if any file on disk differs from a fresh build")
    ap.add_argument("--story", action="store_true", help="print the story tables")
    args = ap.parse_args(argv)
    files, diag = build()
    for name, n in list(diag["reused_staff"].items()) + list(diag["reused_public"].items()):
        print(f"note: pool text used {n + 1}x: {name[:70]!r}", file=sys.stderr)
    if args.story:
        print(diag["md"])
    if args.check:
        bad = [n for n, data in files.items()
               if not (HERE / n).exists() or (HERE / n).read_bytes() != data]
        for n in bad:
            print(f"differs: {n}", file=sys.stderr)
        return 1 if bad else 0
    TRUTH.mkdir(exist_ok=True)
    for name, data in files.items():
        (HERE / name).write_bytes(data)
    for k, v in diag["counts"].items():
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
