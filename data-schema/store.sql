-- The rendement store (SQLite). Generated from RendementStore/Schema/StoreSchema.swift;
-- a test fails when this file and the migrations drift apart. Dates are day numbers
-- (days since 1970-01-01); PRAGMA user_version holds the schema version.

-- version 1: imports, persons, police events, registrations, registry
CREATE TABLE imports (
    import_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    period_from INTEGER,
    period_to INTEGER,
    rows_read INTEGER NOT NULL,
    rows_imported INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    rejected_by_reason TEXT NOT NULL DEFAULT '{}',
    attribute_conflicts INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    replaced_at TEXT
);
CREATE INDEX imports_by_content ON imports(sha256, kind);
CREATE TABLE persons (
    person_key INTEGER PRIMARY KEY,
    persoon_id TEXT NOT NULL UNIQUE
);
CREATE TABLE person_observations (
    person_key INTEGER NOT NULL REFERENCES persons(person_key),
    import_id INTEGER NOT NULL REFERENCES imports(import_id),
    kind TEXT NOT NULL,
    birth_day INTEGER,
    birth_precision INTEGER,
    sex INTEGER,
    n_rows INTEGER NOT NULL
);
CREATE INDEX person_observations_by_person ON person_observations(person_key);
CREATE INDEX person_observations_by_import ON person_observations(import_id);
CREATE TABLE person_resolved (
    person_key INTEGER PRIMARY KEY REFERENCES persons(person_key),
    birth_day INTEGER,
    birth_precision INTEGER,
    sex INTEGER,
    birth_conflict INTEGER NOT NULL DEFAULT 0,
    sex_conflict INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE bvh_events (
    import_id INTEGER NOT NULL REFERENCES imports(import_id),
    person_key INTEGER NOT NULL,
    registratienummer TEXT NOT NULL,
    role INTEGER NOT NULL,
    pleeg_day INTEGER NOT NULL,
    registratie_day INTEGER,
    incident_code TEXT NOT NULL,
    gemeente TEXT
);
CREATE TABLE hks_offences (
    import_id INTEGER NOT NULL REFERENCES imports(import_id),
    person_key INTEGER NOT NULL,
    pv_nummer TEXT NOT NULL,
    pleeg_day INTEGER NOT NULL,
    feitcode TEXT,
    registratienummer TEXT,
    category INTEGER NOT NULL,
    severity INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE veiligheidshuizen (
    import_id INTEGER NOT NULL REFERENCES imports(import_id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    regio TEXT NOT NULL,
    opgericht INTEGER NOT NULL,
    gemeenten INTEGER
);
CREATE TABLE registrations (
    import_id INTEGER NOT NULL REFERENCES imports(import_id),
    person_key INTEGER NOT NULL,
    veiligheidshuis TEXT NOT NULL,
    doelgroep TEXT NOT NULL,
    casusoverleg TEXT,
    aanmeld_day INTEGER,
    instroom_day INTEGER NOT NULL,
    plan_van_aanpak INTEGER NOT NULL,
    plan_day INTEGER,
    uitstroom_day INTEGER
);

-- version 2: covering indexes for per-person reads (dropped and rebuilt by a bulk import)
CREATE INDEX bvh_events_by_person ON bvh_events(person_key, pleeg_day, role, registratienummer, import_id);
CREATE INDEX bvh_events_by_import ON bvh_events(import_id);
CREATE INDEX hks_offences_by_person ON hks_offences(person_key, pleeg_day, pv_nummer, registratienummer, category, severity, import_id);
CREATE INDEX hks_offences_by_import ON hks_offences(import_id);
CREATE INDEX registrations_by_person ON registrations(person_key);
CREATE INDEX registrations_by_import ON registrations(import_id);
CREATE INDEX veiligheidshuizen_by_import ON veiligheidshuizen(import_id);

-- version 3: matched sets and analysis runs
CREATE TABLE match_runs (
    run_id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    configuration TEXT NOT NULL,
    seed INTEGER NOT NULL,
    caliper REAL,
    clients INTEGER NOT NULL,
    matched INTEGER NOT NULL,
    tool_version TEXT NOT NULL
);
CREATE TABLE matched_units (
    run_id INTEGER NOT NULL REFERENCES match_runs(run_id) ON DELETE CASCADE,
    set_id INTEGER NOT NULL,
    role INTEGER NOT NULL,
    person_key INTEGER NOT NULL,
    index_day INTEGER NOT NULL,
    index_incident TEXT,
    veiligheidshuis TEXT NOT NULL,
    doelgroep TEXT NOT NULL,
    weight REAL NOT NULL,
    distance REAL
);
CREATE INDEX matched_units_by_run ON matched_units(run_id, set_id);
CREATE TABLE unmatched_clients (
    run_id INTEGER NOT NULL REFERENCES match_runs(run_id) ON DELETE CASCADE,
    person_key INTEGER NOT NULL,
    index_day INTEGER NOT NULL,
    veiligheidshuis TEXT NOT NULL,
    doelgroep TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX unmatched_clients_by_run ON unmatched_clients(run_id);
CREATE TABLE analysis_runs (
    run_id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    configuration TEXT NOT NULL,
    configuration_sha256 TEXT NOT NULL,
    input_sha256 TEXT NOT NULL,
    purpose TEXT NOT NULL,
    tool_version TEXT NOT NULL
);

-- version 4: police rows packed per person and import (replaces bvh_events and hks_offences); persons without a unique index on persoon_id (the importer interns pseudonyms, one key each)
DROP TABLE bvh_events;
DROP TABLE hks_offences;
CREATE TABLE texts (
    text_id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
);
CREATE TABLE bvh_histories (
    person_key INTEGER NOT NULL,
    import_id INTEGER NOT NULL REFERENCES imports(import_id),
    n_events INTEGER NOT NULL,
    attributes BLOB NOT NULL,
    events BLOB NOT NULL,
    PRIMARY KEY (person_key, import_id)
) WITHOUT ROWID;
CREATE TABLE hks_histories (
    person_key INTEGER NOT NULL,
    import_id INTEGER NOT NULL REFERENCES imports(import_id),
    n_events INTEGER NOT NULL,
    attributes BLOB NOT NULL,
    events BLOB NOT NULL,
    PRIMARY KEY (person_key, import_id)
) WITHOUT ROWID;
ALTER TABLE imports ADD COLUMN field_gaps TEXT NOT NULL DEFAULT '{}';
ALTER TABLE imports ADD COLUMN file_size INTEGER;
CREATE TABLE persons_v4 (
    person_key INTEGER PRIMARY KEY,
    persoon_id TEXT NOT NULL
);
INSERT INTO persons_v4 SELECT person_key, persoon_id FROM persons;
DROP TABLE persons;
ALTER TABLE persons_v4 RENAME TO persons;

-- version 5: the round of staged matching that matched each set
ALTER TABLE matched_units ADD COLUMN match_round INTEGER NOT NULL DEFAULT 1;

-- version 6: Veiligheidshuizen renamed when the registry was replaced (import veiligheidshuizen --replace --rename FILE)
CREATE TABLE registry_renames (
    import_id INTEGER NOT NULL REFERENCES imports(import_id),
    old_name TEXT NOT NULL,
    new_name TEXT NOT NULL,
    registrations INTEGER NOT NULL
);

-- version 7: a chain of recorded runs: the imports a match run read, the match run and imports an analysis run read, and the results each run stored (reports render these, never a recomputation)
ALTER TABLE match_runs ADD COLUMN inputs TEXT NOT NULL DEFAULT '[]';
ALTER TABLE analysis_runs ADD COLUMN match_run_id INTEGER REFERENCES match_runs(run_id);
ALTER TABLE analysis_runs ADD COLUMN inputs TEXT NOT NULL DEFAULT '[]';
CREATE TABLE run_results (
    run_kind TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (run_kind, run_id, name)
) WITHOUT ROWID;

-- version 8: the cooperation: partners per registration (optional clienten column aantal_partners); completed Stappenmeters with their scores per step and the instrument definition each import was read with
ALTER TABLE registrations ADD COLUMN partners INTEGER;
CREATE TABLE stappenmeter_instruments (
    import_id INTEGER PRIMARY KEY REFERENCES imports(import_id),
    instrument TEXT NOT NULL,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL
);
CREATE TABLE stappenmeter_forms (
    form_id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(import_id),
    veiligheidshuis TEXT NOT NULL,
    casusoverleg TEXT NOT NULL,
    invul_day INTEGER NOT NULL,
    rol TEXT NOT NULL
);
CREATE INDEX stappenmeter_forms_by_import ON stappenmeter_forms(import_id);
CREATE TABLE stappenmeter_scores (
    form_id INTEGER NOT NULL REFERENCES stappenmeter_forms(form_id),
    step TEXT NOT NULL,
    score INTEGER NOT NULL,
    PRIMARY KEY (form_id, step)
) WITHOUT ROWID;
