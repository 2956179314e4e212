"""Write the three awkward input files a team would send (synthetic, written for the tests).

Run ``python tests/data/awkward/make_awkward.py`` to rewrite them; the bytes are
fixed (no randomness).  Every name, NIP, phone number and e-mail is invented.

- ``lapor_excel_cp1252.csv``: Indonesian Excel "CSV (dipisahkan titik koma)":
  cp1252, ``;``, CRLF, day-first Indonesian month names (``14 Maret 2026``,
  ``3 Agt 2026``), Likert words and abbreviations, typographic quotes and dashes.
- ``excel_unicode_text.txt``: Excel "Teks Unicode": UTF-16 LE with BOM, tabs,
  CRLF, ``dd/mm/yyyy`` dates, Likert numbers, an emoji and a multi-line cell.
- ``google_forms_en.csv``: Google Forms download in an English locale: UTF-8 with
  BOM, every field quoted, month-first timestamps ``3/14/2026 10:22:05``.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

CP1252_ROWS = [
    ("No", "Tanggal", "Nama Pelapor", "Unit Kerja",
     "Saya memahami tujuan penataan organisasi", "Sosialisasi sudah menjangkau staf pelaksana",
     "Skor", "Komentar / Saran"),
    ("1", "14 Maret 2026", "Budi Santoso", "Dinas PUPR", "Setuju", "TS", "3,5",
     "Sosialisasi “penataan” belum sampai ke staf – kami tahu dari grup WA."),
    ("2", "3 Agt 2026", "", "Bappeda", "Sangat Setuju", "SS", "4,0",
     "Bimtek e-kinerja sangat membantu; café di aula juga nyaman…"),
    ("3", "21 Agustus 2026", "Siti Rahma", "Disdukcapil", "Ragu-ragu", "STS", "2,5",
     "Mohon kepastian TPP setelah penyetaraan. NIP 19870312 201001 1 002, hp 0812-3456-7890."),
    ("4", "1 Mei 2026", "-", "Kecamatan Muara Bulian", "Tidak Setuju", "Ragu-ragu", "1,5",
     "Penempatan jabatan terkesan titipan, tidak transparan."),
    ("5", "7 Okt 2026", "Anonim", "BKPSDM", "Netral", "S", "3,0",
     "Belum ada penjelasan tentang nasib honorer—kami cemas."),
    ("6", "30 Nop 2026", "", "Dinas Kesehatan", "STS", "Sangat Tidak Setuju", "1,0",
     "Aplikasi sering error, server lambat saat akhir bulan."),
]  # fmt: skip
CP1252_DATES = [
    "2026-03-14", "2026-08-03", "2026-08-21", "2026-05-01", "2026-10-07", "2026-11-30",
]  # fmt: skip
CP1252_LIKERT = {"memahami": [4, 5, 3, 2, 3, 1], "sosialisasi": [2, 5, 1, 3, 4, 1]}

UTF16_ROWS = [
    ("Tanggal", "Unit Kerja", "Jabatan", "Saya mendukung penataan organisasi di unit saya",
     "Apa kendala utama yang Anda rasakan?", "Saran"),
    ("14/03/2026", "Sekretariat Daerah", "Fungsional", "4",
     "Belum paham alur kerja baru setelah bidang digabung", "Perbanyak sosialisasi 🙏"),
    ("02/04/2026", "Dinas Pendidikan", "Pelaksana", "2",
     "Laporan jadi dobel: manual dan e-kinerja", "1. Satukan laporan\r\n2. Tambah operator"),
    ("25/04/2026", "Dinas PUPR", "Struktural", "1",
     "Takut kehilangan jabatan dan tunjangan", "Mohon kejelasan \"peta jabatan\" baru"),
    ("09/05/2026", "Disdukcapil", "Pelaksana", "5",
     "Tidak ada kendala berarti, aplikasinya memudahkan", ""),
]  # fmt: skip
UTF16_DATES = ["2026-03-14", "2026-04-02", "2026-04-25", "2026-05-09"]
UTF16_LIKERT = [4, 2, 1, 5]

FORMS_ROWS = [
    ("Timestamp", "Email Address", "Unit Kerja", "I understand the purpose of the reorganisation",
     "Apa kendala utama yang Anda rasakan?", "Saran dan masukan"),
    ("3/2/2026 8:15:02", "rina.oktaviani@example.com", "BKPSDM", "Agree",
     "Jadwal bimtek bentrok dengan pelayanan", "Bimtek di hari Sabtu saja"),
    ("3/14/2026 10:22:05", "ahmad.zaki@example.org", "Bappeda", "Strongly disagree",
     "Tidak ada sosialisasi langsung dari pimpinan", "Pimpinan harus memberi contoh"),
    ("3/9/2026 13:01:44", "", "Dinas Kesehatan", "Neutral",
     "Jaringan internet di puskesmas lemah", "Hubungi saya di +62 813-0000-7647"),
    ("3/20/2026 16:45:10", "wulan.sari@example.net", "Disdukcapil", "Strongly agree",
     "-", "Pelayanan sekarang lebih cepat, pertahankan"),
]  # fmt: skip
FORMS_DATES = ["2026-03-02", "2026-03-14", "2026-03-09", "2026-03-20"]
FORMS_LIKERT = [4, 1, 3, 5]


def _delimited(rows, sep, quote_all=False):
    out = []
    for row in rows:
        cells = []
        for cell in row:
            if quote_all or any(ch in cell for ch in (sep, '"', "\n", "\r")):
                cells.append('"' + cell.replace('"', '""') + '"')
            else:
                cells.append(cell)
        out.append(sep.join(cells))
    return "\r\n".join(out) + "\r\n"


def write() -> None:
    (HERE / "lapor_excel_cp1252.csv").write_bytes(_delimited(CP1252_ROWS, ";").encode("cp1252"))
    (HERE / "excel_unicode_text.txt").write_bytes(_delimited(UTF16_ROWS, "\t").encode("utf-16"))
    forms = _delimited(FORMS_ROWS, ",", quote_all=True).replace("\r\n", "\n")
    (HERE / "google_forms_en.csv").write_bytes(forms.encode("utf-8-sig"))


if __name__ == "__main__":
    write()
