"""Message catalogue: every human-facing string, in Indonesian and English.

Keys are grouped by prefix: ``err.`` errors (raised through
:class:`asn_sentiment.errors.AsnError`), ``cli.`` command-line notes,
``chart.`` chart text, ``report.`` report text, ``sentiment.``/``kind.``
display labels.  A test checks that every key has both languages and that
both take the same parameters.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- errors -------------------------------------------------------------
    "err.prefix": {"id": "Kesalahan", "en": "Error"},
    "err.file_missing": {
        "id": "Berkas '{path}' tidak ditemukan. Periksa nama dan foldernya.",
        "en": "File '{path}' does not exist. Check its name and folder.",
    },
    "err.file_is_dir": {
        "id": "'{path}' adalah folder, bukan berkas. Sebutkan berkas CSV/XLSX di dalamnya.",
        "en": "'{path}' is a folder, not a file. Name a CSV/XLSX file inside it.",
    },
    "err.file_unreadable": {
        "id": "Berkas '{path}' tidak dapat dibaca ({reason}). Simpan ulang sebagai CSV (UTF-8) atau XLSX.",
        "en": "File '{path}' cannot be read ({reason}). Save it again as CSV (UTF-8) or XLSX.",
    },
    "err.file_format": {
        "id": "Format berkas '{path}' tidak didukung. Gunakan CSV, TSV, TXT, XLSX, JSON atau JSONL.",
        "en": "The format of '{path}' is not supported. Use CSV, TSV, TXT, XLSX, JSON or JSONL.",
    },
    "err.file_empty": {
        "id": "Berkas '{path}' tidak berisi baris data. Periksa apakah berkas yang benar yang dipilih.",
        "en": "File '{path}' has no data rows. Check that it is the right file.",
    },
    "err.no_text_column": {
        "id": "Berkas '{path}' tidak punya kolom teks bebas (komentar/saran). Sebutkan kolomnya dengan --text-col; kolom yang ada: {columns}.",
        "en": "File '{path}' has no free-text column (comments/suggestions). Name it with --text-col; columns present: {columns}.",
    },
    "err.column_missing": {
        "id": "Kolom '{column}' tidak ada di '{path}'. Kolom yang ada: {columns}.",
        "en": "Column '{column}' is not in '{path}'. Columns present: {columns}.",
    },
    "err.date_ambiguous": {
        "id": "Kolom tanggal '{column}' di '{path}' ambigu: semua tanggal cocok sebagai hari/bulan maupun bulan/hari (mis. '{example}'). Tentukan dengan --dayfirst atau --monthfirst.",
        "en": "Date column '{column}' in '{path}' is ambiguous: every date reads as day/month and as month/day (e.g. '{example}'). Decide with --dayfirst or --monthfirst.",
    },
    "err.date_mixed_order": {
        "id": "Kolom tanggal '{column}' di '{path}' mencampur urutan hari/bulan ('{dayfirst}' dan '{monthfirst}'). Perbaiki berkasnya atau tentukan dengan --dayfirst/--monthfirst.",
        "en": "Date column '{column}' in '{path}' mixes day/month orders ('{dayfirst}' and '{monthfirst}'). Fix the file or decide with --dayfirst/--monthfirst.",
    },
    "err.date_invalid": {
        "id": "Kolom tanggal '{column}' di '{path}' berisi {count} tanggal yang tidak dapat dibaca (baris {rows}), mis. '{example}'. Perbaiki, atau pilih kolom lain dengan --date-col.",
        "en": "Date column '{column}' in '{path}' has {count} dates that cannot be read (rows {rows}), e.g. '{example}'. Fix them, or choose another column with --date-col.",
    },
    "err.events_columns": {
        "id": "Berkas kegiatan '{path}' harus punya kolom tanggal dan label (berjudul 'date,label' atau 'tanggal,kegiatan'); kolom yang ada: {columns}.",
        "en": "Events file '{path}' needs a date column and a label column (headed 'date,label' or 'tanggal,kegiatan'); columns present: {columns}.",
    },
    "err.source_invalid": {
        "id": "Sumber '{source}' tidak dikenal. Gunakan 'staff' atau 'public'.",
        "en": "Unknown source '{source}'. Use 'staff' or 'public'.",
    },
    "err.model_unknown": {
        "id": "Model '{model}' tidak ditemukan. Lihat model yang terpasang dengan 'asn-sentiment models list', atau berikan path ke folder model.",
        "en": "Model '{model}' was not found. See installed models with 'asn-sentiment models list', or give the path of a model folder.",
    },
    "err.model_unreadable": {
        "id": "Model di '{path}' tidak dapat dibaca ({reason}). Latih ulang dengan 'asn-sentiment train' atau pilih model lain.",
        "en": "The model at '{path}' cannot be read ({reason}). Retrain it with 'asn-sentiment train' or choose another model.",
    },
    "err.model_untrusted": {
        "id": "Model di '{path}' berisi tipe yang tidak dipercaya ({types}) dan tidak dimuat demi keamanan. Gunakan model yang dilatih dengan 'asn-sentiment train'.",
        "en": "The model at '{path}' contains untrusted types ({types}) and was not loaded, for safety. Use a model trained with 'asn-sentiment train'.",
    },
    "err.model_task": {
        "id": "Model '{model}' adalah model '{task}', padahal yang dibutuhkan model '{expected}'. Pilih model lain.",
        "en": "Model '{model}' is a '{task}' model, but a '{expected}' model is needed. Choose another model.",
    },
    "err.outdir_exists": {
        "id": "Folder keluaran '{path}' sudah ada dan berisi berkas. Pilih folder lain atau tambahkan --overwrite.",
        "en": "Output folder '{path}' already exists and is not empty. Choose another folder or add --overwrite.",
    },
    "err.outdir_not_dir": {
        "id": "'{path}' sudah ada dan bukan folder. Pilih nama folder keluaran lain.",
        "en": "'{path}' exists and is not a folder. Choose another output folder name.",
    },
    "err.output_unwritable": {
        "id": "Tidak dapat menulis ke '{path}' ({reason}). Periksa izin folder atau ruang disk.",
        "en": "Cannot write to '{path}' ({reason}). Check folder permissions or disk space.",
    },
    "err.taxonomy_unreadable": {
        "id": "Berkas taksonomi '{path}' tidak dapat dibaca ({reason}). Periksa format TOML-nya.",
        "en": "Taxonomy file '{path}' cannot be read ({reason}). Check its TOML syntax.",
    },
    "err.taxonomy_invalid": {
        "id": "Taksonomi '{path}' tidak valid: {problem}.",
        "en": "Taxonomy '{path}' is invalid: {problem}.",
    },
    "err.training_data": {
        "id": "Data latih tidak dapat dipakai: {problem}.",
        "en": "Training data cannot be used: {problem}.",
    },
    # --- CLI notes ----------------------------------------------------------
    "cli.text_columns": {
        "id": "{path}: kolom teks {columns} ({how})",
        "en": "{path}: text column(s) {columns} ({how})",
    },
    "cli.how.header": {"id": "dikenali dari judul kolom", "en": "recognised by header"},
    "cli.how.longest": {
        "id": "dipilih karena teksnya paling panjang; ganti dengan --text-col",
        "en": "chosen as the longest free text; change with --text-col",
    },
    "cli.how.given": {"id": "sesuai --text-col", "en": "as given by --text-col"},
    "cli.date_column": {
        "id": "{path}: kolom tanggal '{column}' ({order})",
        "en": "{path}: date column '{column}' ({order})",
    },
    "cli.no_date_column": {
        "id": "{path}: tidak ada kolom tanggal; tanggal dibiarkan kosong (pilih dengan --date-col)",
        "en": "{path}: no date column; dates left empty (choose one with --date-col)",
    },
    "cli.unit_column": {
        "id": "{path}: kolom unit '{column}'",
        "en": "{path}: unit column '{column}'",
    },
    "cli.source_guess": {
        "id": "{path}: sumber '{source}' ({why}; ganti dengan --source)",
        "en": "{path}: source '{source}' ({why}; change with --source)",
    },
    "cli.source_why.survey": {"id": "berkas survei pegawai", "en": "looks like a staff survey"},
    "cli.source_why.comments": {"id": "berkas komentar publik", "en": "looks like public comments"},
    "cli.rows_read": {"id": "{path}: {rows} baris dibaca", "en": "{path}: {rows} rows read"},
    "cli.progress.reading": {"id": "Membaca berkas", "en": "Reading files"},
    "cli.progress.classifying": {"id": "Mengklasifikasi komentar", "en": "Classifying comments"},
    "cli.progress.charts": {"id": "Menggambar grafik", "en": "Drawing charts"},
    "cli.progress.training": {"id": "Melatih model", "en": "Training model"},
    "cli.done.analyze": {
        "id": "Selesai: {n} komentar dianalisis. Hasil di {outdir}:",
        "en": "Done: {n} comments analysed. Results in {outdir}:",
    },
    "cli.done.train": {
        "id": "Model disimpan di {outdir} (macro-F1 validasi {f1}).",
        "en": "Model saved in {outdir} (validation macro-F1 {f1}).",
    },
    # --- display labels -----------------------------------------------------
    "sentiment.positive": {"id": "positif", "en": "positive"},
    "sentiment.neutral": {"id": "netral", "en": "neutral"},
    "sentiment.negative": {"id": "negatif", "en": "negative"},
    "sentiment.uncertain": {"id": "tidak pasti", "en": "uncertain"},
    "kind.resistance": {"id": "resistensi", "en": "resistance"},
    "kind.support": {"id": "dukungan", "en": "support"},
    "source.staff": {"id": "pegawai", "en": "staff"},
    "source.public": {"id": "publik", "en": "public"},
    "source.all": {"id": "semua", "en": "all"},
    "unit.all": {"id": "semua unit", "en": "all units"},
    # --- charts -------------------------------------------------------------
    "chart.resistance_support.title": {
        "id": "Resistensi dan dukungan dari waktu ke waktu",
        "en": "Resistance and support over time",
    },
    "chart.resistance_support.ylabel": {
        "id": "Porsi komentar (%)",
        "en": "Share of comments (%)",
    },
    "chart.resistance": {"id": "Resistensi", "en": "Resistance"},
    "chart.support": {"id": "Dukungan", "en": "Support"},
    "chart.period": {"id": "Periode", "en": "Period"},
    "chart.themes.title": {
        "id": "Frekuensi tema menurut jenis",
        "en": "Theme frequency by kind",
    },
    "chart.themes.xlabel": {
        "id": "Porsi komentar yang memuat tema (%)",
        "en": "Share of comments carrying the theme (%)",
    },
    "chart.no_data": {"id": "Tidak ada data", "en": "No data"},
    # --- report -------------------------------------------------------------
    "report.title": {
        "id": "Laporan penerimaan penataan organisasi ASN",
        "en": "Report on the reception of the ASN reorganisation",
    },
    "report.generated": {
        "id": "Dibuat {when} dengan asn-sentiment {version}",
        "en": "Generated {when} with asn-sentiment {version}",
    },
    "report.key_numbers": {"id": "Angka utama", "en": "Key numbers"},
    "report.comments": {"id": "Komentar dianalisis", "en": "Comments analysed"},
    "report.negative_share": {"id": "Sentimen negatif", "en": "Negative sentiment"},
    "report.resistance_share": {"id": "Memuat tema resistensi", "en": "Carry a resistance theme"},
    "report.support_share": {"id": "Memuat tema dukungan", "en": "Carry a support theme"},
    "report.top_themes": {"id": "Tema terbanyak", "en": "Most frequent themes"},
    "report.charts": {"id": "Grafik", "en": "Charts"},
    "report.methods": {"id": "Metode dan catatan", "en": "Methods and caveats"},
    "report.methods.text": {
        "id": "Sentimen diklasifikasi dengan model {model}. Tema dikenali dengan {theme_model}. Angka adalah porsi komentar; satu komentar dapat memuat beberapa tema. Baris tanpa tanggal: {undated}.",
        "en": "Sentiment was classified with model {model}. Themes were recognised with {theme_model}. Figures are shares of comments; a comment may carry several themes. Rows without a date: {undated}.",
    },
    "report.sources": {"id": "Berkas masukan", "en": "Input files"},
}
