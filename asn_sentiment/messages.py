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
    "err.model_domain": {
        "id": "Model '{model}' tidak dapat menilai teks sebagai domain '{domain}'. Domain model ini: {known} (lihat 'asn-sentiment models show'); tanpa --domain, domain bawaan model dipakai.",
        "en": "Model '{model}' cannot score texts as domain '{domain}'. Its domains: {known} (see 'asn-sentiment models show'); without --domain the model's own domain is used.",
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
    # --- errors of train / evaluate / cross-validate / explain (issue 5) ----
    "err.training_none": {
        "id": "Tidak ada berkas data berlabel. Sebutkan sedikitnya satu berkas CSV/TSV/XLSX.",
        "en": "No labelled data file given. Name at least one CSV/TSV/XLSX file.",
    },
    "err.training_columns": {
        "id": "'{path}' perlu kolom teks dan kolom label; sebutkan dengan --text-col dan --label-col. Kolom yang ada: {columns}.",
        "en": "'{path}' needs a text column and a label column; name them with --text-col and --label-col. Columns present: {columns}.",
    },
    "err.training_empty": {
        "id": "Tidak ada baris berlabel dengan teks di {path}. Periksa kolom teks dan label (--text-col, --label-col).",
        "en": "No labelled rows with text in {path}. Check the text and label columns (--text-col, --label-col).",
    },
    "err.training_labels": {
        "id": "Data latih {path} hanya punya label {labels}; dibutuhkan sedikitnya dua label berbeda.",
        "en": "Training data {path} has only the label(s) {labels}; at least two different labels are needed.",
    },
    "err.training_label_value": {
        "id": "Label tidak valid di '{path}': {labels}. Label tidak boleh memuat ';', ',', '|' atau spasi ganda.",
        "en": "Invalid labels in '{path}': {labels}. Labels may not contain ';', ',', '|' or repeated spaces.",
    },
    "err.task_name": {
        "id": "Nama tugas '{task}' tidak valid. Gunakan huruf, angka, '-', '_' atau '.', mis. 'sentiment' atau 'emosi'.",
        "en": "Invalid task name '{task}'. Use letters, digits, '-', '_' or '.', e.g. 'sentiment' or 'emotion'.",
    },
    "err.config_unknown": {
        "id": "Konfigurasi '{config}' tidak dikenal. Pilih salah satu ({known}) atau berikan berkas .toml.",
        "en": "Unknown configuration '{config}'. Choose one of ({known}) or give a .toml file.",
    },
    "err.config_invalid": {
        "id": "Konfigurasi '{config}' tidak valid: {problem}. Perbaiki berkasnya (lihat README, bagian pelatihan).",
        "en": "Configuration '{config}' is invalid: {problem}. Fix the file (see the README, training section).",
    },
    "err.cv_folds": {
        "id": "Validasi silang {folds} lipatan tidak mungkin: label terkecil hanya punya {smallest} teks. Pakai --folds yang lebih kecil (minimal 2).",
        "en": "{folds}-fold cross-validation is impossible: the smallest label has only {smallest} texts. Use a smaller --folds (at least 2).",
    },
    "err.where_syntax": {
        "id": "--where '{where}' tidak valid. Tulis KOLOM=NILAI, mis. --where split=train.",
        "en": "--where '{where}' is invalid. Write COLUMN=VALUE, e.g. --where split=train.",
    },
    "err.refit_needs_valid": {
        "id": "--refit butuh data validasi (--valid): model diukur dulu, lalu dilatih ulang dengan data latih + validasi.",
        "en": "--refit needs validation data (--valid): the model is measured first, then fitted again on train + valid.",
    },
    "err.weights": {
        "id": "--weights perlu satu bobot positif per berkas data ({n} berkas); diberikan: {given}.",
        "en": "--weights needs one positive weight per data file ({n} files); given: {given}.",
    },
    "err.where_unused": {
        "id": "Tidak ada berkas yang punya kolom '{column}' dari {option} ({files}). Periksa nama kolomnya.",
        "en": "No file has the column '{column}' of {option} ({files}). Check the column name.",
    },
    "err.domains": {
        "id": "{option} perlu satu nama domain per berkas ({n} berkas; huruf kecil, angka, '-' atau '_', mis. general,asn); diberikan: {given}.",
        "en": "{option} needs one domain name per file ({n} files; lower-case letters, digits, '-' or '_', e.g. general,asn); given: {given}.",
    },
    "err.explain_model": {
        "id": "Model '{model}' tidak dapat dijelaskan: {reason}. Penjelasan hanya untuk model linear dari 'asn-sentiment train'.",
        "en": "Model '{model}' cannot be explained: {reason}. Explanations need a linear model from 'asn-sentiment train'.",
    },
    "err.explain_text": {
        "id": 'Tidak ada teks untuk dijelaskan. Berikan --text "..." (boleh diulang).',
        "en": 'No text to explain. Give --text "..." (may be repeated).',
    },
    "err.results_format": {
        "id": "Berkas hasil '{path}' harus CSV atau XLSX (results.csv dari 'asn-sentiment analyze').",
        "en": "Results file '{path}' must be CSV or XLSX (the results.csv of 'asn-sentiment analyze').",
    },
    "err.results_columns": {
        "id": "'{path}' bukan berkas hasil: kolom {missing} tidak ada. Berikan results.csv dari 'asn-sentiment analyze'.",
        "en": "'{path}' is not a results file: column(s) {missing} missing. Give the results.csv of 'asn-sentiment analyze'.",
    },
    "err.results_none": {
        "id": "Tidak ada berkas hasil. Sebutkan sedikitnya satu results.csv.",
        "en": "No results file given. Name at least one results.csv.",
    },
    "err.results_themes": {
        "id": "Hasil memuat tema yang tidak ada di taksonomi '{taxonomy}': {ids}. Berikan taksonomi yang dipakai saat analisis dengan --taxonomy.",
        "en": "The results carry themes not in taxonomy '{taxonomy}': {ids}. Give the taxonomy used for the analysis with --taxonomy.",
    },
    # --- labelling loop: sample and labelled sheets (issue 6) -----------------
    "err.sample_strategy": {
        "id": "Strategi sampel '{strategy}' tidak dikenal. Gunakan salah satu: {choices}.",
        "en": "Unknown sampling strategy '{strategy}'. Use one of: {choices}.",
    },
    "err.sample_n": {
        "id": "--n harus sedikitnya 1 (diberikan {n}).",
        "en": "--n must be at least 1 (given {n}).",
    },
    "err.sample_no_confidence": {
        "id": "Strategi 'uncertain' butuh kolom sentiment_confidence yang terisi, tetapi berkas hasil tidak memilikinya. Pakai --strategy random atau stratified, atau jalankan ulang 'asn-sentiment analyze'.",
        "en": "The 'uncertain' strategy needs a filled sentiment_confidence column, which the results lack. Use --strategy random or stratified, or run 'asn-sentiment analyze' again.",
    },
    "err.sample_empty": {
        "id": "Tidak ada komentar untuk dilabeli di {paths} ({excluded} sudah dilabeli dan dilewati). Berikan results.csv lain atau kurangi --exclude.",
        "en": "No comments left to label in {paths} ({excluded} already labelled and skipped). Give other results.csv files or fewer --exclude files.",
    },
    "err.sample_exclude_text": {
        "id": "Berkas --exclude '{path}' tidak punya kolom teks (mis. 'text'). Berikan lembar label dari 'asn-sentiment sample'; kolom yang ada: {columns}.",
        "en": "--exclude file '{path}' has no text column (such as 'text'). Give a labelling sheet from 'asn-sentiment sample'; columns present: {columns}.",
    },
    "err.label_sheet_task": {
        "id": "Lembar label '{path}' berisi label sentimen dan tema, bukan '{task}'. Pakai --task sentiment atau --task themes.",
        "en": "Labelling sheet '{path}' holds sentiment and theme labels, not '{task}'. Use --task sentiment or --task themes.",
    },
    "err.label_sheet_sentiment": {
        "id": "'{path}' baris {row}: sentimen '{value}' tidak dikenal. Pilih dari daftar: {choices} (atau kosongkan barisnya).",
        "en": "'{path}' row {row}: unknown sentiment '{value}'. Pick one from the list: {choices} (or leave the row empty).",
    },
    "err.label_sheet_theme": {
        "id": "'{path}' baris {row}: tema '{theme}' tidak ada di taksonomi '{taxonomy}'. Pilih id tema dari daftar, atau berikan taksonomi yang dipakai saat membuat lembar itu dengan --taxonomy.",
        "en": "'{path}' row {row}: theme '{theme}' is not in taxonomy '{taxonomy}'. Pick a theme id from the list, or give the taxonomy the sheet was made with (--taxonomy).",
    },
    "err.label_sheet_mixed": {
        "id": "'{path}' baris {row}: berisi '(tanpa tema)' sekaligus tema. Hapus salah satunya.",
        "en": "'{path}' row {row}: has '(no theme)' and a theme at once. Remove one of them.",
    },
    "err.label_sheet_empty": {
        "id": "Lembar label '{path}' belum berisi label di kolom {column}. Isi kolom itu (pilih dari daftar) lalu simpan berkasnya.",
        "en": "Labelling sheet '{path}' has no labels in column(s) {column} yet. Fill them (pick from the list) and save the file.",
    },
    "cli.done.sample": {
        "id": "{n} komentar dipilih (strategi {strategy}, seed {seed}) dari {available} komentar unik dan ditulis ke {output}.",
        "en": "{n} comments picked (strategy {strategy}, seed {seed}) from {available} distinct comments and written to {output}.",
    },
    "cli.sample.fewer": {
        "id": "Hanya ada {available} komentar unik yang belum dilabeli; semuanya diambil (diminta {n}).",
        "en": "Only {available} distinct unlabelled comments are available; all were taken ({n} asked for).",
    },
    "cli.sample.dropped": {
        "id": "{duplicates} komentar kembar dan {excluded} komentar yang sudah dilabeli dilewati.",
        "en": "{duplicates} duplicate comments and {excluded} already labelled comments skipped.",
    },
    "cli.sample.next": {
        "id": "Isi kolom sentiment dan theme_1..theme_3 di Excel (petunjuk ada di lembar kedua), lalu: asn-sentiment train --task sentiment {output} -o FOLDER_MODEL",
        "en": "Fill the sentiment and theme_1..theme_3 columns in Excel (instructions on the second sheet), then: asn-sentiment train --task sentiment {output} -o MODEL_FOLDER",
    },
    "cli.train.sheet": {
        "id": "{path}: {rows} baris berlabel dipakai; {unlabelled} baris belum dilabeli dilewati.",
        "en": "{path}: {rows} labelled rows used; {unlabelled} rows left unlabelled skipped.",
    },
    "sample.sheet_instructions": {"id": "petunjuk", "en": "instructions"},
    "sample.title": {
        "id": "Lembar pelabelan komentar penataan ASN",
        "en": "Labelling sheet: comments on the ASN reorganisation",
    },
    "sample.step1": {
        "id": "Buka lembar 'label'. Setiap baris adalah satu komentar (kolom text); data pribadi sudah disamarkan.",
        "en": "Open the 'label' sheet. Each row is one comment (column text); personal data is already masked.",
    },
    "sample.step2": {
        "id": "Di kolom sentiment pilih dari daftar: negative, neutral atau positive (sikap penulis secara keseluruhan).",
        "en": "In the sentiment column pick from the list: negative, neutral or positive (the writer's overall stance).",
    },
    "sample.step3": {
        "id": "Di kolom theme_1, theme_2, theme_3 pilih tema yang diungkapkan komentar (boleh lebih dari satu), atau {no_theme} bila tidak ada tema. Arti setiap tema ada di tabel di bawah.",
        "en": "In theme_1, theme_2, theme_3 pick the themes the comment expresses (several allowed), or {no_theme} when it has none. Each theme is explained in the table below.",
    },
    "sample.step4": {
        "id": "Kolom model_sentiment dan model_themes adalah tebakan model, hanya sebagai rujukan: jangan disalin, nilailah sendiri.",
        "en": "The model_sentiment and model_themes columns are the model's guesses, for reference only: do not copy them, judge for yourself.",
    },
    "sample.step5": {
        "id": "Mulailah dari atas; baris yang dibiarkan kosong dilewati saat pelatihan, jadi Anda boleh berhenti kapan saja. Kolom note bebas untuk catatan.",
        "en": "Start at the top; rows left empty are skipped in training, so you may stop at any time. The note column is free for remarks.",
    },
    "sample.step6": {
        "id": "Simpan sebagai .xlsx tanpa mengubah judul kolom, lalu latih ulang: asn-sentiment train --task sentiment BERKAS.xlsx -o FOLDER_MODEL (lihat README).",
        "en": "Save as .xlsx without renaming the columns, then retrain: asn-sentiment train --task sentiment FILE.xlsx -o MODEL_FOLDER (see the README).",
    },
    "sample.sentiment_heading": {"id": "Sentimen", "en": "Sentiment"},
    "sample.sentiment_negative": {
        "id": "Keluhan, penolakan, kekhawatiran; termasuk keluhan yang sopan ('mohon kejelasan ...', 'belum ada kepastian ...') dan laporan aplikasi yang gagal.",
        "en": "Complaint, rejection, worry; including polite complaints ('mohon kejelasan ...', 'belum ada kepastian ...') and reports of failing applications.",
    },
    "sample.sentiment_neutral": {
        "id": "Pertanyaan, fakta, salam, ucapan terima kasih biasa, atau pujian dan keluhan yang seimbang.",
        "en": "Questions, facts, greetings, a plain thank-you, or praise and complaint of similar weight.",
    },
    "sample.sentiment_positive": {
        "id": "Pujian, dukungan, harapan yang antusias, pengalaman baik.",
        "en": "Praise, support, cheering, a good experience.",
    },
    "sample.themes_heading": {"id": "Tema", "en": "Themes"},
    "sample.th.id": {"id": "id (pilih ini)", "en": "id (pick this)"},
    "sample.th.kind": {"id": "jenis", "en": "kind"},
    "sample.th.label": {"id": "nama", "en": "name"},
    "sample.th.description": {"id": "arti", "en": "meaning"},
    "sample.th.examples": {"id": "contoh", "en": "examples"},
    "sample.no_theme": {
        "id": "Tanpa tema: salam, 'tidak ada komentar', fakta atau pertanyaan praktis",
        "en": "No theme: greetings, 'no comment', facts or practical questions",
    },
    "sample.about_heading": {"id": "Tentang sampel ini", "en": "About this sample"},
    "sample.prompt_title": {"id": "Pilih dari daftar", "en": "Pick from the list"},
    "sample.prompt_sentiment": {
        "id": "Sikap penulis: negative, neutral atau positive.",
        "en": "The writer's stance: negative, neutral or positive.",
    },
    "sample.prompt_theme": {
        "id": "Satu tema per kolom (lihat lembar petunjuk), atau '(tanpa tema)'.",
        "en": "One theme per column (see the instructions sheet), or '(no theme)'.",
    },
    "sample.error_title": {"id": "Nilai tidak dikenal", "en": "Unknown value"},
    "sample.error_sentiment": {
        "id": "Pilih negative, neutral atau positive dari daftar.",
        "en": "Pick negative, neutral or positive from the list.",
    },
    "sample.error_theme": {
        "id": "Pilih id tema dari daftar (lihat lembar petunjuk).",
        "en": "Pick a theme id from the list (see the instructions sheet).",
    },
    "sample.col.id": {"id": "Nomor urut baris sampel.", "en": "Number of the sampled row."},
    "sample.col.text": {
        "id": "Komentar yang dilabeli (data pribadi disamarkan).",
        "en": "The comment to label (personal data masked).",
    },
    "sample.col.sentiment": {
        "id": "ISI: negative, neutral atau positive (daftar pilihan).",
        "en": "FILL IN: negative, neutral or positive (drop-down list).",
    },
    "sample.col.theme": {
        "id": "ISI: satu id tema per kolom, atau '(tanpa tema)'. Arti tema: lembar petunjuk.",
        "en": "FILL IN: one theme id per column, or '(no theme)'. Meanings: instructions sheet.",
    },
    "sample.col.note": {
        "id": "Boleh diisi: catatan Anda (tidak dipakai untuk pelatihan).",
        "en": "Optional: your remarks (not used for training).",
    },
    "sample.col.model_sentiment": {
        "id": "Tebakan model, hanya rujukan.",
        "en": "The model's guess, for reference only.",
    },
    "sample.col.model_confidence": {
        "id": "Keyakinan model atas tebakannya (0-1).",
        "en": "The model's confidence in its guess (0-1).",
    },
    "sample.col.model_themes": {
        "id": "Tema tebakan model, hanya rujukan.",
        "en": "The model's themes, for reference only.",
    },
    "sample.col.source": {
        "id": "staff (survei pegawai) atau public (komentar publik).",
        "en": "staff (staff survey) or public (public comments).",
    },
    "sample.col.question": {
        "id": "Pertanyaan survei yang dijawab (bila ada).",
        "en": "The survey question answered (if any).",
    },
    "sample.col.source_file": {
        "id": "Berkas asal komentar.",
        "en": "The file the comment came from.",
    },
    "sample.col.row": {
        "id": "Baris data di berkas asal.",
        "en": "Data row in that file.",
    },
    "err.period_invalid": {
        "id": "Periode '{period}' tidak dikenal. Gunakan salah satu: {choices}.",
        "en": "Unknown period '{period}'. Use one of: {choices}.",
    },
    "err.by_invalid": {
        "id": "Pengelompokan '{by}' tidak dikenal. Gunakan salah satu: {choices}.",
        "en": "Unknown grouping '{by}'. Use one of: {choices}.",
    },
    "err.report_input_clash": {
        "id": "Berkas masukan '{path}' di folder keluaran akan tertimpa oleh laporan. Pindahkan berkas itu atau pilih folder keluaran lain.",
        "en": "Input file '{path}' in the output folder would be overwritten by the report. Move it or choose another output folder.",
    },
    # --- input, privacy and store (issue 8) -----------------------------------
    "err.map_invalid": {
        "id": "--map '{spec}' tidak dapat dibaca. Tulis peran=Kolom dipisah koma, mis. text=Komentar,date=Tanggal; peran: {roles}.",
        "en": "--map '{spec}' cannot be read. Write role=Column pairs separated by commas, e.g. text=Komentar,date=Tanggal; roles: {roles}.",
    },
    "err.encoding_unknown": {
        "id": "Pengodean teks berkas '{path}' tidak dikenali. Simpan ulang sebagai CSV UTF-8 atau sebutkan dengan --encoding (mis. cp1252).",
        "en": "The text encoding of '{path}' cannot be recognised. Save it again as CSV UTF-8 or name it with --encoding (e.g. cp1252).",
    },
    "err.encoding_invalid": {
        "id": "Pengodean '{encoding}' tidak dikenal. Gunakan nama seperti utf-8, utf-16, cp1252 atau latin-1.",
        "en": "Unknown encoding '{encoding}'. Use a name such as utf-8, utf-16, cp1252 or latin-1.",
    },
    "err.file_encoding": {
        "id": "Berkas '{path}' tidak dapat dibaca sebagai {encoding} ({reason}). Sebutkan pengodean yang benar dengan --encoding atau simpan ulang sebagai CSV UTF-8.",
        "en": "File '{path}' cannot be read as {encoding} ({reason}). Name the right encoding with --encoding or save it again as CSV UTF-8.",
    },
    "err.file_ragged": {
        "id": "Baris {line} berkas '{path}' punya {found} kolom, padahal judulnya {expected} kolom. Periksa pemisah dan tanda kutip di baris itu.",
        "en": "Line {line} of '{path}' has {found} fields but the header has {expected}. Check the separators and quotes on that line.",
    },
    "err.file_wider": {
        "id": "Sebagian baris berkas '{path}' punya lebih banyak kolom daripada judulnya. Periksa pemisah dan tanda kutip, atau simpan ulang dari Excel.",
        "en": "Some rows of '{path}' have more fields than the header. Check the separators and quotes, or save the file again from Excel.",
    },
    "err.json_line": {
        "id": "Baris {line} berkas '{path}' bukan JSON yang sah. Setiap baris JSONL harus satu objek JSON.",
        "en": "Line {line} of '{path}' is not valid JSON. Every JSONL line must be one JSON object.",
    },
    "err.json_records": {
        "id": 'Berkas JSON \'{path}\' harus berisi daftar objek (satu objek per komentar), mis. [{{"komentar": "..."}}].',
        "en": 'JSON file \'{path}\' must hold a list of objects (one object per comment), e.g. [{{"komentar": "..."}}].',
    },
    "err.sheet_missing": {
        "id": "Lembar '{sheet}' tidak ada di '{path}'. Lembar yang ada: {sheets}.",
        "en": "Sheet '{sheet}' is not in '{path}'. Sheets present: {sheets}.",
    },
    "err.no_sheet_with_text": {
        "id": "Tidak ada lembar di '{path}' yang berisi kolom teks bebas (diperiksa: {sheets}). Pilih lembar dengan --sheet dan kolom dengan --map text=Kolom.",
        "en": "No sheet of '{path}' has a free-text column (checked: {sheets}). Choose the sheet with --sheet and the column with --map text=Column.",
    },
    "err.key_unavailable": {
        "id": "Kunci pseudonim di '{path}' tidak dapat dibuat atau dibaca ({reason}). Atur ASN_SENTIMENT_PSEUDONYM_KEY atau ASN_SENTIMENT_KEY_FILE.",
        "en": "The pseudonym key at '{path}' cannot be created or read ({reason}). Set ASN_SENTIMENT_PSEUDONYM_KEY or ASN_SENTIMENT_KEY_FILE.",
    },
    "err.output_format": {
        "id": "Format keluaran '{path}' tidak dikenal. Akhiri nama berkas dengan salah satu dari: {formats}.",
        "en": "Unknown output format for '{path}'. End the file name with one of: {formats}.",
    },
    "err.xlsx_too_many_rows": {
        "id": "Tabel untuk '{path}' melebihi {rows} baris, batas satu lembar Excel. Ekspor ke .csv atau .parquet.",
        "en": "The table for '{path}' has more than {rows} rows, the limit of an Excel sheet. Export to .csv or .parquet instead.",
    },
    "err.parquet_missing": {
        "id": "Menulis Parquet ('{path}') memerlukan pyarrow. Pasang dengan: pip install 'asn-sentiment[parquet]', atau ekspor ke .csv/.xlsx.",
        "en": "Writing Parquet ('{path}') needs pyarrow. Install it with: pip install 'asn-sentiment[parquet]', or export to .csv/.xlsx.",
    },
    "err.store_missing": {
        "id": "Belum ada penyimpanan di '{db}'. Buat dengan 'asn-sentiment ingest BERKAS... --db {db}'.",
        "en": "There is no store at '{db}'. Create one with 'asn-sentiment ingest FILE... --db {db}'.",
    },
    "err.store_is_dir": {
        "id": "'{db}' adalah folder. Sebutkan berkas penyimpanan, mis. {db}/asn.db.",
        "en": "'{db}' is a folder. Name a store file instead, e.g. {db}/asn.db.",
    },
    "err.store_unusable": {
        "id": "Penyimpanan '{db}' tidak dapat dipakai ({reason}). Periksa bahwa itu berkas penyimpanan asn-sentiment dan foldernya dapat ditulis.",
        "en": "The store '{db}' cannot be used ({reason}). Check that it is an asn-sentiment store and that its folder is writable.",
    },
    "err.store_foreign": {
        "id": "'{db}' adalah basis data program lain (tabel: {tables}). Pilih nama berkas baru untuk penyimpanan asn-sentiment.",
        "en": "'{db}' is another program's database (tables: {tables}). Choose a new file name for the asn-sentiment store.",
    },
    "err.store_newer": {
        "id": "Penyimpanan '{db}' dibuat oleh asn-sentiment yang lebih baru (skema {version}, versi ini mengenal sampai {supported}). Perbarui asn-sentiment.",
        "en": "The store '{db}' was made by a newer asn-sentiment (schema {version}; this version knows up to {supported}). Upgrade asn-sentiment.",
    },
    "err.store_busy": {
        "id": "Penyimpanan '{db}' sedang ditulis oleh proses lain lebih dari {seconds} detik. Coba lagi setelah proses itu selesai.",
        "en": "The store '{db}' has been busy with another process's write for more than {seconds} seconds. Try again when it has finished.",
    },
    "err.store_url": {
        "id": "Basis data '{db}' tidak dapat dibuka ({reason}). Periksa URL-nya; untuk PostgreSQL pasang: pip install 'asn-sentiment[postgresql]'.",
        "en": "The database '{db}' cannot be opened ({reason}). Check the URL; for PostgreSQL install: pip install 'asn-sentiment[postgresql]'.",
    },
    "cli.progress.storing": {"id": "Menyimpan komentar", "en": "Storing comments"},
    "cli.progress.exporting": {"id": "Mengekspor hasil", "en": "Exporting results"},
    "err.no_inputs": {
        "id": "Tidak ada berkas masukan. Sebutkan berkas CSV/XLSX/JSON, atau --db PENYIMPANAN untuk menganalisis isi penyimpanan.",
        "en": "No input files. Name CSV/XLSX/JSON files, or --db STORE to analyse what a store holds.",
    },
    "err.output_exists": {
        "id": "Berkas '{path}' sudah ada. Pilih nama lain atau tambahkan --overwrite.",
        "en": "File '{path}' already exists. Choose another name or add --overwrite.",
    },
    "cli.identifiers": {
        "id": "{path}: kolom identitas {columns} diganti pseudonim berkunci (pakai --keep-pii untuk mempertahankannya)",
        "en": "{path}: identifier column(s) {columns} replaced by keyed pseudonyms (--keep-pii keeps them)",
    },
    "cli.skipped_sheets": {
        "id": "{path}: lembar tanpa kolom teks dilewati: {sheets}",
        "en": "{path}: sheets without a text column skipped: {sheets}",
    },
    "cli.keep_pii": {
        "id": "Peringatan: --keep-pii aktif; NIP, NIK, nomor telepon, e-mail dan nama TIDAK disamarkan di keluaran.",
        "en": "Warning: --keep-pii is on; NIP, NIK, phone numbers, e-mails and names are NOT masked in the outputs.",
    },
    "cli.ingest.added": {
        "id": "{path}: {comments} komentar baru dari {rows} baris ({known} sudah ada; gelombang {wave}, sumber {source})",
        "en": "{path}: {comments} new comments from {rows} rows ({known} already stored; wave {wave}, source {source})",
    },
    "cli.ingest.duplicate": {
        "id": "{path}: berkas yang sama sudah dimasukkan pada {when}; dilewati",
        "en": "{path}: the same file was already ingested on {when}; skipped",
    },
    "cli.done.ingest": {
        "id": "Selesai: {n} komentar baru disimpan di {db}.",
        "en": "Done: {n} new comments stored in {db}.",
    },
    "cli.done.export": {
        "id": "Selesai: {n} baris diekspor ke {path}.",
        "en": "Done: {n} rows exported to {path}.",
    },
    "cli.db.header": {
        "id": "Penyimpanan {db} (skema {version}, {size} MB)",
        "en": "Store {db} (schema {version}, {size} MB)",
    },
    "cli.db.counts": {
        "id": "{files} berkas, {responses} baris responden/komentar, {comments} jawaban teks",
        "en": "{files} files, {responses} respondent/comment rows, {comments} text answers",
    },
    "cli.db.waves": {
        "id": "Gelombang (sumber, berkas, baris, jawaban, rentang tanggal):",
        "en": "Waves (source, files, rows, answers, date range):",
    },
    "cli.db.models": {
        "id": "Versi model (prediksi, jumlah proses, terakhir):",
        "en": "Model versions (predictions, runs, last):",
    },
    "cli.db.no_models": {
        "id": "belum ada; jalankan 'asn-sentiment analyze --db ...'",
        "en": "none yet; run 'asn-sentiment analyze --db ...'",
    },
    "cli.db.several_keys": {
        "id": "Catatan: pseudonim dibuat dengan beberapa kunci berbeda ({keys}); responden yang sama bisa punya pseudonim berbeda antar berkas.",
        "en": "Note: pseudonyms were made with several keys ({keys}); the same respondent may have different pseudonyms across files.",
    },
    "err.report_db_and_files": {
        "id": "Berikan berkas hasil ATAU --db, bukan keduanya.",
        "en": "Give results files OR --db, not both.",
    },
    "err.store_empty": {
        "id": "Penyimpanan '{db}' belum berisi komentar. Tambahkan dengan 'asn-sentiment ingest BERKAS... --db {db}'.",
        "en": "The store '{db}' holds no comments yet. Add some with 'asn-sentiment ingest FILE... --db {db}'.",
    },
    "err.store_unclassified": {
        "id": "{missing} dari {total} komentar di '{db}' belum diklasifikasi. Jalankan dulu 'asn-sentiment analyze --db {db} -o FOLDER'.",
        "en": "{missing} of the {total} comments in '{db}' have not been classified. Run 'asn-sentiment analyze --db {db} -o FOLDER' first.",
    },
    "cli.progress.checking": {"id": "Memeriksa berkas", "en": "Checking files"},
    "err.unknown_steps": {
        "id": "Langkah praproses tidak dikenal: {steps}. Langkah yang ada: {known} (juga 'default', 'all', '-langkah').",
        "en": "Unknown preprocessing step(s): {steps}. Known steps: {known} (also 'default', 'all', '-step').",
    },
    "err.preprocess_punctuation": {
        "id": "Tanda baca yang dipertahankan tidak sah: {given}. Berikan tanda baca saja, mis. '!?'.",
        "en": "Invalid punctuation to keep: {given}. Give punctuation marks only, e.g. '!?'.",
    },
    "err.preprocess_negators": {
        "id": "Kata negasi tambahan tidak sah: {given}. Berikan kata saja, dipisah koma, mis. 'kurang'.",
        "en": "Invalid extra negator(s): {given}. Give words only, comma-separated, e.g. 'kurang'.",
    },
    "err.output_is_dir": {
        "id": "'{path}' adalah folder. Sebutkan nama berkas keluaran, mis. '{path}/hasil.csv'.",
        "en": "'{path}' is a folder. Name an output file, e.g. '{path}/result.csv'.",
    },
    "err.output_is_input": {
        "id": "Berkas keluaran '{path}' sama dengan berkas masukan. Pilih nama keluaran lain.",
        "en": "Output file '{path}' is the input file. Choose another output name.",
    },
    "err.preprocess_usage": {
        "id": 'Sebutkan berkas (INPUT -o OUTPUT) atau satu teks (--text "..."), tidak keduanya; --explain hanya dengan --text.',
        "en": 'Give a file (INPUT -o OUTPUT) or one text (--text "..."), not both; --explain only works with --text.',
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
    "cli.date_order.iso": {"id": "format ISO tahun-bulan-hari", "en": "ISO year-month-day"},
    "cli.date_order.dayfirst": {"id": "hari/bulan/tahun", "en": "day/month/year"},
    "cli.date_order.monthfirst": {"id": "bulan/hari/tahun", "en": "month/day/year"},
    "cli.date_order.named": {"id": "nama bulan", "en": "month names"},
    "cli.date_order.none": {"id": "tanpa tanggal terbaca", "en": "no readable dates"},
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
    "cli.progress.preprocessing": {"id": "Praproses teks", "en": "Preprocessing text"},
    "cli.done.preprocess": {
        "id": "Selesai: {n} baris, kolom '{column}' dibersihkan ke '{out_col}' di {output} ({seconds} detik).",
        "en": "Done: {n} rows, column '{column}' cleaned into '{out_col}' in {output} ({seconds} s).",
    },
    "cli.explain.unchanged": {"id": "(tidak berubah)", "en": "(unchanged)"},
    "cli.progress.predicting": {"id": "Memprediksi", "en": "Predicting"},
    "cli.progress.explaining": {"id": "Mencari bukti sentimen", "en": "Finding sentiment evidence"},
    "cli.progress.cross_validating": {
        "id": "Validasi silang (konfigurasi × lipatan)",
        "en": "Cross-validating (configurations × folds)",
    },
    "cli.eval.unknown_labels": {
        "id": "Catatan: label {labels} di data tidak dikenal model '{model}' dan selalu dihitung salah.",
        "en": "Note: label(s) {labels} in the data are unknown to model '{model}' and always count as wrong.",
    },
    "cli.done.analyze": {
        "id": "Selesai: {n} komentar dianalisis. Hasil di {outdir}:",
        "en": "Done: {n} comments analysed. Results in {outdir}:",
    },
    "cli.done.train": {
        "id": "Model disimpan di {outdir} (macro-F1 validasi {f1}).",
        "en": "Model saved in {outdir} (validation macro-F1 {f1}).",
    },
    "cli.done.train_scored": {
        "id": "Model disimpan di {outdir}: {metric} {f1} (IK 95% {low}–{high}), ECE {ece}. Kartu model: card.md.",
        "en": "Model saved in {outdir}: {metric} {f1} (95% CI {low}–{high}), ECE {ece}. Model card: card.md.",
    },
    "cli.done.train_part": {
        "id": "  {file} (dinilai sebagai domain {domain}): macro-F1 {f1} (IK 95% {low}–{high}), ECE {ece}.",
        "en": "  {file} (scored as domain {domain}): macro-F1 {f1} (95% CI {low}–{high}), ECE {ece}.",
    },
    "cli.done.train_part_plain": {
        "id": "  {file}: macro-F1 {f1} (IK 95% {low}–{high}), ECE {ece}.{domain}",
        "en": "  {file}: macro-F1 {f1} (95% CI {low}–{high}), ECE {ece}.{domain}",
    },
    "cli.done.train_unscored": {
        "id": "Model disimpan di {outdir} (tanpa data validasi: beri --valid atau --cv untuk mengukurnya).",
        "en": "Model saved in {outdir} (no validation data: give --valid or --cv to measure it).",
    },
    "cli.done.evaluate": {
        "id": "Hasil evaluasi di {outdir}:",
        "en": "Evaluation written to {outdir}:",
    },
    "cli.eval.header": {
        "id": "Model {model} pada {n} teks (IK 95% dari bootstrap):",
        "en": "Model {model} on {n} texts (95% CIs by bootstrap):",
    },
    "cli.eval.compare_header": {
        "id": "Perbandingan berpasangan A = {a}, B = {b} (bootstrap pada teks yang sama):",
        "en": "Paired comparison A = {a}, B = {b} (bootstrap over the same texts):",
    },
    "cli.eval.significant": {
        "id": "berbeda nyata (IK 95% tidak memuat 0)",
        "en": "significant (95% CI excludes 0)",
    },
    "cli.eval.not_significant": {
        "id": "tidak berbeda nyata",
        "en": "not significant",
    },
    "cli.cv.header": {
        "id": "Validasi silang {folds} lipatan, {n} teks, tugas '{task}' (urut dari {metric} terbaik; IK 95% dari bootstrap prediksi di luar lipatan):",
        "en": "{folds}-fold cross-validation, {n} texts, task '{task}' (best {metric} first; 95% CI by bootstrap of out-of-fold predictions):",
    },
    "cli.explain.text": {"id": "Teks: {text}", "en": "Text: {text}"},
    "cli.explain.cleaned": {
        "id": "  setelah praproses: {cleaned}",
        "en": "  preprocessed: {cleaned}",
    },
    "cli.explain.label": {
        "id": "  prediksi: {label} (keyakinan {confidence}; {probs})",
        "en": "  predicted: {label} (confidence {confidence}; {probs})",
    },
    "cli.explain.words": {
        "id": "  kata yang mendorong ke '{label}' (+) atau menjauh (−):",
        "en": "  words pushing towards '{label}' (+) or away from it (−):",
    },
    "cli.explain.features": {
        "id": "  fitur terkuat (n-gram kata 'word:' dan karakter 'char:'):",
        "en": "  strongest features (word n-grams 'word:', character n-grams 'char:'):",
    },
    "cli.models.searched": {
        "id": "Folder yang dicari (yang pertama menang): {folders}. Simpan model Anda di salah satunya, atau set ASN_SENTIMENT_MODELS.",
        "en": "Folders searched (first match wins): {folders}. Put your models in one of them, or set ASN_SENTIMENT_MODELS.",
    },
    "cli.models.none": {
        "id": "Tidak ada model terpasang. Folder yang dicari: {folders}. Latih satu dengan 'asn-sentiment train'.",
        "en": "No models installed. Folders searched: {folders}. Train one with 'asn-sentiment train'.",
    },
    "cli.done.report": {
        "id": "Selesai: laporan dari {n} komentar di {outdir}:",
        "en": "Done: report on {n} comments in {outdir}:",
    },
    "cli.suppressed": {
        "id": "{count} sel disembunyikan untuk melindungi kelompok di bawah {k} responden (lihat bagian Metode di laporan).",
        "en": "{count} cells suppressed to protect groups under {k} respondents (see the report's Methods section).",
    },
    "cli.undated": {
        "id": "{count} komentar tanpa periode dihitung dalam total, tidak tampil di grafik waktu.",
        "en": "{count} comments without a period are counted in totals, not shown on time charts.",
    },
    "cli.pdf_no_browser": {
        "id": "PDF tidak dibuat: Chromium tidak ditemukan. Pasang Chromium (mis. 'apt-get install chromium') atau cetak report.html ke PDF dari peramban.",
        "en": "PDF not made: Chromium was not found. Install Chromium (e.g. 'apt-get install chromium') or print report.html to PDF from a browser.",
    },
    "cli.pdf_failed": {
        "id": "PDF tidak dibuat: Chromium gagal ({reason}). Cetak report.html ke PDF dari peramban.",
        "en": "PDF not made: Chromium failed ({reason}). Print report.html to PDF from a browser.",
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
    "unit.unknown": {"id": "(unit tidak diisi)", "en": "(no unit given)"},
    # --- periods ------------------------------------------------------------
    "period.undated": {"id": "tanpa tanggal", "en": "undated"},
    "period.no_wave": {"id": "tanpa gelombang", "en": "no wave"},
    "period.all": {"id": "semua periode", "en": "all periods"},
    "period.quarter": {"id": "Triwulan {q} {year}", "en": "Q{q} {year}"},
    "period.week": {"id": "Minggu {week} {year}", "en": "Week {week} {year}"},
    "month.1": {"id": "Jan", "en": "Jan"},
    "month.2": {"id": "Feb", "en": "Feb"},
    "month.3": {"id": "Mar", "en": "Mar"},
    "month.4": {"id": "Apr", "en": "Apr"},
    "month.5": {"id": "Mei", "en": "May"},
    "month.6": {"id": "Jun", "en": "Jun"},
    "month.7": {"id": "Jul", "en": "Jul"},
    "month.8": {"id": "Agu", "en": "Aug"},
    "month.9": {"id": "Sep", "en": "Sep"},
    "month.10": {"id": "Okt", "en": "Oct"},
    "month.11": {"id": "Nov", "en": "Nov"},
    "month.12": {"id": "Des", "en": "Dec"},
    "likert.1": {"id": "Sangat tidak setuju", "en": "Strongly disagree"},
    "likert.2": {"id": "Tidak setuju", "en": "Disagree"},
    "likert.3": {"id": "Netral", "en": "Neutral"},
    "likert.4": {"id": "Setuju", "en": "Agree"},
    "likert.5": {"id": "Sangat setuju", "en": "Strongly agree"},
    # --- charts -------------------------------------------------------------
    "chart.resistance_support.title": {
        "id": "Resistensi dan dukungan dari waktu ke waktu",
        "en": "Resistance and support over time",
    },
    "chart.resistance_support.guide": {
        "id": "garis merah-oranye = porsi komentar bertema resistensi, biru = bertema dukungan; pita = rentang ketidakpastian 95%; garis putus-putus bernomor = kegiatan sosialisasi; titik-titik = periode tanpa data.",
        "en": "vermillion line = share of comments with a resistance theme, blue = with a support theme; band = 95% uncertainty range; numbered dashed lines = socialisation events; dotted = periods without data.",
    },
    "chart.resistance": {"id": "Resistensi", "en": "Resistance"},
    "chart.support": {"id": "Dukungan", "en": "Support"},
    "chart.ci95": {"id": "rentang 95%", "en": "95% interval"},
    "chart.share_pct": {"id": "Porsi komentar (%)", "en": "Share of comments (%)"},
    "chart.events": {"id": "Kegiatan", "en": "Events"},
    "chart.event_outside": {"id": "di luar rentang data", "en": "outside the data"},
    "chart.no_data": {"id": "Tidak ada data", "en": "No data"},
    "chart.suppressed_short": {
        "id": "disembunyikan (kelompok < {k} responden)",
        "en": "suppressed (group < {k} respondents)",
    },
    "chart.theme_trends.title": {"id": "Tren setiap tema", "en": "Each theme over time"},
    "chart.theme_trends.guide": {
        "id": "satu panel per tema, skala sama; warna = jenis tema (merah-oranye resistensi, biru dukungan); garis penuh = pegawai, putus-putus = publik.",
        "en": "one panel per theme, same scale; colour = kind (vermillion resistance, blue support); solid line = staff, dashed = public.",
    },
    "chart.heatmap.title": {
        "id": "Resistensi per unit dan periode",
        "en": "Resistance by unit and period",
    },
    "chart.heatmap.scale": {
        "id": "Porsi komentar bertema resistensi (%)",
        "en": "Share of comments with a resistance theme (%)",
    },
    "chart.heatmap.guide": {
        "id": "makin gelap makin banyak komentar bertema resistensi; baris tebal = semua unit; × = disembunyikan untuk melindungi responden; – = tidak ada data.",
        "en": "darker = more comments with a resistance theme; bold row = all units; × = suppressed to protect respondents; – = no data.",
    },
    "chart.likert.title": {
        "id": "Jawaban skala Likert per pernyataan",
        "en": "Likert answers per statement",
    },
    "chart.likert.xlabel": {
        "id": "← tidak setuju    porsi responden    setuju →",
        "en": "← disagree    share of respondents    agree →",
    },
    "chart.likert.guide": {
        "id": "batang ke kanan (biru) = setuju, ke kiri (oranye) = tidak setuju, abu-abu di tengah = netral; angka = porsi tidak setuju dan setuju.",
        "en": "bars to the right (blue) = agree, to the left (orange) = disagree, grey centre = neutral; numbers = share disagreeing and agreeing.",
    },
    "chart.sentiment.title": {
        "id": "Komposisi sentimen dari waktu ke waktu",
        "en": "Sentiment composition over time",
    },
    "chart.sentiment.guide": {
        "id": "setiap batang = 100% komentar periode itu: merah-oranye negatif, abu-abu netral, hijau positif; n = jumlah komentar.",
        "en": "each bar = 100% of that period's comments: vermillion negative, grey neutral, green positive; n = number of comments.",
    },
    "chart.top_themes.title": {
        "id": "Tema teratas per unit pada periode terakhir",
        "en": "Top themes per unit in the latest period",
    },
    "chart.top_themes.xlabel": {
        "id": "Porsi komentar unit yang memuat tema (%)",
        "en": "Share of the unit's comments carrying the theme (%)",
    },
    "chart.top_themes.more": {
        "id": "{count} unit lain tidak ditampilkan",
        "en": "{count} more units not shown",
    },
    "chart.top_themes.none": {"id": "tidak ada tema", "en": "no theme"},
    "chart.top_themes.guide": {
        "id": "tiga tema terbanyak di setiap unit, unit dengan resistensi tertinggi di atas; unit yang disembunyikan tidak ditampilkan.",
        "en": "the three most frequent themes in each unit, units with the highest resistance first; suppressed units are not shown.",
    },
    # --- report -------------------------------------------------------------
    "report.title": {
        "id": "Laporan penerimaan penataan organisasi ASN",
        "en": "Report on the reception of the ASN reorganisation",
    },
    "report.subtitle": {
        "id": "Periode {span} · per {period} · menurut {by}",
        "en": "Period {span} · by {period} · per {by}",
    },
    "report.generated": {
        "id": "Dibuat {when} dengan asn-sentiment {version}",
        "en": "Generated {when} with asn-sentiment {version}",
    },
    "report.period.week": {"id": "minggu", "en": "week"},
    "report.period.month": {"id": "bulan", "en": "month"},
    "report.period.quarter": {"id": "triwulan", "en": "quarter"},
    "report.period.wave": {"id": "gelombang survei", "en": "survey wave"},
    "report.by.unit": {"id": "unit kerja", "en": "work unit"},
    "report.by.source": {"id": "sumber", "en": "source"},
    "report.by.position": {"id": "kelompok jabatan", "en": "position group"},
    "report.summary": {"id": "Ringkasan eksekutif", "en": "Executive summary"},
    "report.comments": {"id": "komentar dianalisis", "en": "comments analysed"},
    "report.respondents": {"id": "responden", "en": "respondents"},
    "report.card.resistance": {
        "id": "{source}: bertema resistensi, {period}",
        "en": "{source}: resistance theme, {period}",
    },
    "report.card.support": {
        "id": "{source}: bertema dukungan, {period}",
        "en": "{source}: support theme, {period}",
    },
    "report.find.source_count": {
        "id": "{source} {n} komentar dari {respondents} responden",
        "en": "{source} {n} comments from {respondents} respondents",
    },
    "report.find.coverage": {
        "id": "Laporan ini mencakup {n} komentar ({parts}) dari {first} sampai {last}.",
        "en": "This report covers {n} comments ({parts}) from {first} to {last}.",
    },
    "report.find.coverage_protected": {
        "id": "Laporan ini mencakup {n} komentar dari {first} sampai {last}; rincian per sumber disembunyikan karena kelompoknya kecil.",
        "en": "This report covers {n} comments from {first} to {last}; the breakdown by source is hidden because the groups are small.",
    },
    "report.find.trend": {
        "id": "{source}: {metric} {direction} dari {before} ({p1}) menjadi {after} ({p2}) ({sig}).",
        "en": "{source}: {metric} {direction} from {before} ({p1}) to {after} ({p2}) ({sig}).",
    },
    "report.find.event": {
        "id": "Setelah {events}, resistensi {source} {direction} dari {before} ({p1}) menjadi {after} ({p2}) ({sig}).",
        "en": "After {events}, {source} resistance {direction} from {before} ({p1}) to {after} ({p2}) ({sig}).",
    },
    "report.find.event_none": {
        "id": "Resistensi {source} tidak berubah berarti di sekitar kegiatan sosialisasi.",
        "en": "{source} resistance did not change notably around the socialisation events.",
    },
    "report.find.attention": {
        "id": "Perlu perhatian ({source}, {period}): {units}; unit lain rata-rata {rest}.",
        "en": "Needs attention ({source}, {period}): {units}; other units average {rest}.",
    },
    "report.find.attention_none": {
        "id": "Tidak ada unit {source} dengan resistensi yang jelas lebih tinggi dari unit lain pada {period}.",
        "en": "No {source} unit has clearly higher resistance than the other units in {period}.",
    },
    "report.find.peak": {
        "id": "Tema '{theme}' ({source}) memuncak pada {period} ({share}) lalu turun kembali.",
        "en": "The theme '{theme}' ({source}) peaked in {period} ({share}) and then fell back.",
    },
    "report.find.themes_down": {
        "id": "Tema yang paling berkurang ({source}): {themes}.",
        "en": "Themes that fell most ({source}): {themes}.",
    },
    "report.find.themes_up": {
        "id": "Tema yang paling bertambah ({source}): {themes}.",
        "en": "Themes that grew most ({source}): {themes}.",
    },
    "report.find.likert": {
        "id": "Skor rata-rata '{item}' {direction} dari {before} ({p1}) menjadi {after} ({p2}) pada skala 1–5 (signifikan).",
        "en": "The mean score of '{item}' {direction} from {before} ({p1}) to {after} ({p2}) on the 1–5 scale (significant).",
    },
    "report.find.suppressed": {
        "id": "{count} sel tabel disembunyikan karena kelompoknya kurang dari {k} responden, atau agar sel semacam itu tidak dapat dihitung ulang dari total.",
        "en": "{count} table cells are suppressed because their group has fewer than {k} respondents, or so that such a cell cannot be recomputed from totals.",
    },
    "report.find.undated": {
        "id": "{count} komentar {what} dihitung dalam total tetapi tidak tampil pada grafik waktu.",
        "en": "{count} comments ({what}) are counted in totals but not shown on the time charts.",
    },
    "report.metric.resistance": {
        "id": "porsi komentar bertema resistensi",
        "en": "the share of comments with a resistance theme",
    },
    "report.metric.support": {
        "id": "porsi komentar bertema dukungan",
        "en": "the share of comments with a support theme",
    },
    "report.metric.sentiment_negative": {
        "id": "porsi komentar bernada negatif",
        "en": "the share of negative comments",
    },
    "report.dir.up": {"id": "naik", "en": "rose"},
    "report.dir.down": {"id": "turun", "en": "fell"},
    "report.dir.same": {"id": "tetap", "en": "stayed"},
    "report.significant": {"id": "signifikan", "en": "significant"},
    "report.not_significant": {"id": "tidak signifikan", "en": "not significant"},
    "report.attention.title": {"id": "Unit yang perlu perhatian", "en": "Units needing attention"},
    "report.attention.intro": {
        "id": "Periode terakhir setiap sumber. Baris berwarna: resistensi jelas lebih tinggi dari unit lain, atau naik signifikan dari periode sebelumnya.",
        "en": "Latest period of each source. Shaded rows: resistance clearly above the other units, or a significant rise since the previous period.",
    },
    "report.attention.empty": {
        "id": "Tidak ada data per unit yang dapat ditampilkan.",
        "en": "No per-unit data can be shown.",
    },
    "report.attention.above": {"id": "di atas unit lain", "en": "above other units"},
    "report.attention.rise": {"id": "naik signifikan", "en": "significant rise"},
    "report.col.source": {"id": "Sumber, periode", "en": "Source, period"},
    "report.col.group": {"id": "Unit", "en": "Unit"},
    "report.col.n": {"id": "n", "en": "n"},
    "report.col.share": {"id": "Resistensi", "en": "Resistance"},
    "report.col.rest": {"id": "Unit lain", "en": "Other units"},
    "report.col.previous": {"id": "Sebelumnya", "en": "Previous"},
    "report.col.why": {"id": "Catatan", "en": "Note"},
    "report.charts": {"id": "Grafik", "en": "Charts"},
    "report.how_to_read": {"id": "Cara membaca", "en": "How to read"},
    "report.no_likert": {
        "id": "Data ini tidak memuat pertanyaan skala Likert, jadi grafik Likert tidak dibuat.",
        "en": "These results have no Likert items, so there is no Likert chart.",
    },
    "report.verbatims.title": {
        "id": "Kutipan representatif per tema",
        "en": "Representative quotes per theme",
    },
    "report.verbatims.intro": {
        "id": "Kutipan dipilih otomatis dari periode terbaru; data pribadi dan nama disamarkan; tidak ada kutipan dari kelompok di bawah {k} responden.",
        "en": "Quotes are chosen automatically from the latest periods; personal data and names are masked; no quote comes from a group of fewer than {k} respondents.",
    },
    "report.verbatims.empty": {
        "id": "Tidak ada kutipan yang dapat ditampilkan.",
        "en": "No quotes can be shown.",
    },
    "report.methods": {"id": "Metode dan catatan", "en": "Methods and caveats"},
    "report.methods.data_h": {"id": "Data", "en": "Data"},
    "report.sources": {"id": "Berkas masukan", "en": "Input files"},
    "report.methods.counting": {
        "id": "Satu komentar = satu jawaban pertanyaan terbuka atau satu komentar publik; angka adalah porsi komentar. Resistensi/dukungan = komentar dengan sedikitnya satu tema resistensi/dukungan; satu komentar dapat memuat beberapa tema.",
        "en": "One comment = one answer to an open question or one public comment; figures are shares of comments. Resistance/support = comments with at least one resistance/support theme; a comment may carry several themes.",
    },
    "report.methods.duplicates": {
        "id": "{count} baris ganda (komentar yang sama dari berkas hasil yang sama) dihitung sekali.",
        "en": "{count} duplicate rows (the same comment from the same results file) were counted once.",
    },
    "report.methods.model_h": {"id": "Model", "en": "Models"},
    "report.methods.sentiment_model": {"id": "Sentimen", "en": "Sentiment"},
    "report.methods.theme_model": {"id": "Tema", "en": "Themes"},
    "report.model.measured": {
        "id": "{version}, diukur: {scores}",
        "en": "{version}, measured: {scores}",
    },
    "report.model.accuracy": {"id": "akurasi", "en": "accuracy"},
    "report.model.no_scores": {
        "id": "kartu model tidak memuat skor",
        "en": "the model card has no scores",
    },
    "report.model.rules": {
        "id": "{version} (aturan kata kunci taksonomi; akurasinya belum diukur dan cenderung kurang mendeteksi tema)",
        "en": "{version} (keyword rules of the taxonomy; accuracy not measured, tends to under-detect themes)",
    },
    "report.model.unknown": {
        "id": "{version} (model tidak terpasang di komputer ini; akurasi tidak diketahui)",
        "en": "{version} (model not installed on this computer; accuracy unknown)",
    },
    "report.model.changed": {
        "id": "{version} (model terpasang berbeda dari yang mengklasifikasi data ini; akurasi tidak diketahui)",
        "en": "{version} (the installed model differs from the one that classified these results; accuracy unknown)",
    },
    "report.model.none": {"id": "tidak tercatat", "en": "not recorded"},
    "report.methods.stats_h": {"id": "Ketidakpastian dan uji", "en": "Uncertainty and tests"},
    "report.methods.intervals": {
        "id": "Setiap porsi disertai rentang kepercayaan 95% Wilson; rata-rata Likert dengan rentang t 95%.",
        "en": "Every share comes with a 95% Wilson confidence interval; Likert means with a 95% t interval.",
    },
    "report.methods.tests": {
        "id": "Perubahan antarperiode diuji dengan uji-z dua proporsi (uji eksak Fisher bila frekuensi harapan < 5) dan rata-rata Likert dengan uji-t Welch; nilai p dikoreksi untuk perbandingan berganda dengan false discovery rate Benjamini–Hochberg per jenis perbandingan dan ukuran; signifikan = p terkoreksi < 0,05.",
        "en": "Changes between periods are tested with a two-proportion z-test (Fisher's exact test when an expected count is below 5) and Likert means with Welch's t-test; p-values are corrected for multiple comparisons with the Benjamini–Hochberg false discovery rate per kind of comparison and measure; significant = corrected p < 0.05.",
    },
    "report.methods.protection_h": {"id": "Perlindungan responden", "en": "Respondent protection"},
    "report.methods.suppression": {
        "id": "Sel (sumber × periode × unit) dengan kurang dari {k} responden disembunyikan di semua tabel, grafik dan kutipan. Agar tidak dapat dihitung ulang dari total, setiap total yang memuat sel tersembunyi memuat sedikitnya dua sel tersembunyi yang bersama-sama berisi sedikitnya {k} responden (sel pelengkap terkecil ikut disembunyikan), dan hasilnya diperiksa dengan pemrograman linear.",
        "en": "Cells (source × period × unit) with fewer than {k} respondents are suppressed in every table, chart and quote list. So that they cannot be recomputed from totals, every total containing a suppressed cell contains at least two suppressed cells holding together at least {k} respondents (the smallest complementary cells are suppressed too), and the result is checked by linear programming.",
    },
    "report.methods.suppressed_count": {
        "id": "Sel disembunyikan: {count} pada tabel komentar ({primary} karena kecil, {complementary} sebagai pelengkap) dan {likert} pada tabel Likert.",
        "en": "Cells suppressed: {count} in the comment tables ({primary} small, {complementary} complementary) and {likert} in the Likert tables.",
    },
    "report.methods.verbatims_rule": {
        "id": "Kutipan hanya diambil dari sel yang ditampilkan (sedikitnya {k} responden) dan tanpa data pribadi.",
        "en": "Quotes come only from published cells (at least {k} respondents) and carry no personal data.",
    },
    "report.methods.undated_h": {"id": "Baris tanpa periode", "en": "Rows without a period"},
    "report.methods.undated_none": {
        "id": "Semua komentar memiliki periode.",
        "en": "Every comment has a period.",
    },
    "report.undated.row": {
        "id": "{source}: {answers} komentar dari {respondents} responden tanpa periode; dihitung dalam total, tidak tampil di grafik waktu.",
        "en": "{source}: {answers} comments from {respondents} respondents without a period; counted in totals, not shown on time charts.",
    },
    "report.methods.caveats_h": {"id": "Catatan", "en": "Caveats"},
    "report.caveat.classifier": {
        "id": "Sentimen dan tema ditentukan mesin dan dapat keliru; lihat akurasi model di atas dan periksa contoh di results.csv sebelum mengambil keputusan.",
        "en": "Sentiment and themes are assigned by machine and can be wrong; see the model accuracy above and check examples in results.csv before deciding.",
    },
    "report.caveat.independence": {
        "id": "Dua jawaban dari responden yang sama dihitung sebagai dua komentar; uji menganggapnya saling bebas, sehingga sedikit terlalu yakin.",
        "en": "Two answers from the same respondent count as two comments; the tests treat them as independent, so they are slightly over-confident.",
    },
    "report.caveat.sample": {
        "id": "Komentar publik dan survei sukarela bukan sampel acak: yang menulis belum tentu mewakili semua pegawai atau warga.",
        "en": "Public comments and voluntary surveys are not random samples: those who write may not represent all staff or citizens.",
    },
    "report.footer": {
        "id": "Dibuat oleh asn-sentiment {version}, perangkat lunak sumber terbuka; angka dapat dihasilkan ulang dari results.csv dengan 'asn-sentiment report'.",
        "en": "Made by asn-sentiment {version}, open-source software; the figures can be reproduced from results.csv with 'asn-sentiment report'.",
    },
    "report.about.generated": {"id": "Dibuat", "en": "Generated"},
    "report.about.version": {"id": "Versi asn-sentiment", "en": "asn-sentiment version"},
    "report.about.inputs": {"id": "Berkas masukan", "en": "Input files"},
    "report.about.period": {"id": "Periode (period)", "en": "Period"},
    "report.about.by": {"id": "Kelompok (by)", "en": "Grouped by"},
    "report.about.k": {
        "id": "Minimum responden per sel (K)",
        "en": "Minimum respondents per cell (K)",
    },
    "report.about.suppressed": {
        "id": "Sel disembunyikan (komentar)",
        "en": "Cells suppressed (comments)",
    },
    "report.about.likert_suppressed": {
        "id": "Sel disembunyikan (Likert)",
        "en": "Cells suppressed (Likert)",
    },
    "report.about.undated": {"id": "Komentar tanpa periode", "en": "Comments without a period"},
    "report.about.tests": {"id": "Uji statistik", "en": "Statistical tests"},
    "report.about.rule": {"id": "Aturan perlindungan", "en": "Protection rule"},
    # --- evaluation figures (issue 5) -----------------------------------------
    "chart.eval.predicted": {"id": "Label prediksi", "en": "Predicted label"},
    "chart.eval.true": {"id": "Label sebenarnya", "en": "True label"},
    "chart.eval.confusion_title": {
        "id": "Matriks kebingungan: {model}",
        "en": "Confusion matrix: {model}",
    },
    "chart.eval.tp": {"id": "benar positif", "en": "true positives"},
    "chart.eval.fp": {"id": "positif palsu", "en": "false positives"},
    "chart.eval.fn": {"id": "negatif palsu", "en": "false negatives"},
    "chart.eval.texts": {"id": "Jumlah teks", "en": "Texts"},
    "chart.eval.perfect": {"id": "kalibrasi sempurna", "en": "perfect calibration"},
    "chart.eval.observed": {"id": "akurasi teramati", "en": "observed accuracy"},
    "chart.eval.mean_confidence": {
        "id": "rata-rata keyakinan per kelompok",
        "en": "mean confidence per bin",
    },
    "chart.eval.accuracy": {"id": "Akurasi", "en": "Accuracy"},
    "chart.eval.confidence": {"id": "Keyakinan model", "en": "Model confidence"},
    "chart.eval.reliability_title": {
        "id": "Kalibrasi: {model} (ECE {ece:.3f}, Brier {brier:.3f})",
        "en": "Calibration: {model} (ECE {ece:.3f}, Brier {brier:.3f})",
    },
    # --- themes (issue 6) ---
    "err.theme_unknown": {
        "id": "Data {path} memakai id tema yang tidak ada di taksonomi '{taxonomy}': {themes}. Perbaiki id-nya atau tambahkan tema itu ke berkas taksonomi dan berikan dengan --taxonomy.",
        "en": "Data {path} uses theme ids that are not in taxonomy '{taxonomy}': {themes}. Fix the ids, or add those themes to a taxonomy file and pass it with --taxonomy.",
    },
    "err.themes_none": {
        "id": "Data latih {path} tidak punya satu pun komentar bertema; isi kolom tema (id dipisah ';') pada sebagian baris.",
        "en": "Training data {path} has no comment with a theme; fill the themes column (ids joined with ';') on some rows.",
    },
    "err.taxonomy_task": {
        "id": "--taxonomy hanya berlaku untuk --task themes, bukan '{task}'. Hapus --taxonomy atau pakai --task themes.",
        "en": "--taxonomy applies to --task themes only, not '{task}'. Drop --taxonomy or use --task themes.",
    },
    "err.taxonomy_model": {
        "id": "Model tema '{model}' tidak mengenal tema {themes} dari taksonomi '{taxonomy}'. Latih model dengan taksonomi itu (train --task themes --taxonomy ...) atau pakai --theme-model rules.",
        "en": "Theme model '{model}' does not know the themes {themes} of taxonomy '{taxonomy}'. Train a model with that taxonomy (train --task themes --taxonomy ...) or use --theme-model rules.",
    },
    "cli.explain.themes": {
        "id": "  Tema yang ditemukan ({n}; bukti: kata/n-gram yang paling menaikkan skor, lalu aturan yang cocok):",
        "en": "  Themes found ({n}; evidence: the words/n-grams that raised the score most, then the rule that fired):",
    },
    "cli.explain.theme_probabilities": {
        "id": "  Peluang tiap tema (tema diberikan di atas 0,50):",
        "en": "  Probability of each theme (a theme is given above 0.50):",
    },
}
