-- Pick, pack and ship from the shop: bins and their walk order, which bin holds each product
-- at each location, product weights and sizes, the boxes the bench packs into, totes, waves,
-- pick lists and their tasks, and each order's packing / collection state.
-- Keys and indexes are single columns (DuckDB answers a point lookup from an ART index only
-- for a one-column equality; see 0004): composite identities are `a:b` or `sku@location` strings.
-- Per-scan counters are not stored on pick_lists: they are summed from pick_tasks when read,
-- so a scan updates one task row and appends one pick_events row (0006), nothing else.

-- Click and collect: orders wait here once picked (not sellable, not for online stock).
INSERT INTO locations (id, name, kind, sellable, fulfils_online, walk_order)
  SELECT 'collection', 'Click and collect', 'collection', false, false, 8
  WHERE NOT EXISTS (SELECT 1 FROM locations WHERE kind = 'collection' OR id = 'collection');

CREATE TABLE bins (
  id VARCHAR PRIMARY KEY,            -- A-01-2: aisle (the zone), bay, shelf; also the bin's barcode
  location VARCHAR NOT NULL,         -- the stock location the bin is in (floor, backroom)
  zone VARCHAR NOT NULL,             -- the aisle prefix: zone picking splits work by it
  walk_order INTEGER NOT NULL,       -- position on the walk route within its location
  active BOOLEAN NOT NULL DEFAULT true
);
CREATE INDEX bins_location ON bins (location);

CREATE TABLE product_bins (
  id VARCHAR PRIMARY KEY,            -- sku || '@' || location
  sku VARCHAR NOT NULL,
  location VARCHAR NOT NULL,
  bin VARCHAR NOT NULL
);
CREATE INDEX product_bins_sku ON product_bins (sku);

-- Weights and outer sizes for box suggestion and parcel weight (absent: not known yet).
CREATE TABLE product_dimensions (
  sku VARCHAR PRIMARY KEY,
  weight_g INTEGER,
  length_mm INTEGER,
  width_mm INTEGER,
  height_mm INTEGER
);

CREATE TABLE boxes (
  id VARCHAR PRIMARY KEY,            -- small | medium | large, or the shop's own
  name VARCHAR NOT NULL,
  length_mm INTEGER NOT NULL,        -- inner sizes
  width_mm INTEGER NOT NULL,
  height_mm INTEGER NOT NULL,
  max_weight_g INTEGER NOT NULL,
  tare_g INTEGER NOT NULL DEFAULT 0, -- the empty box
  active BOOLEAN NOT NULL DEFAULT true
);
-- Three common sizes so a new shop gets box suggestions at once (edit them to the shop's own).
INSERT INTO boxes VALUES
  ('small', 'Small box (23 × 16 × 8 cm)', 230, 160, 80, 2000, 60, true),
  ('medium', 'Medium box (35 × 25 × 15 cm)', 350, 250, 150, 10000, 150, true),
  ('large', 'Large box (45 × 35 × 25 cm)', 450, 350, 250, 20000, 300, true);

CREATE TABLE totes (
  id VARCHAR PRIMARY KEY,            -- TOTE-001: the code printed on it is its barcode
  pick_list_id VARCHAR,              -- the list it carries now; null: free
  updated_at TIMESTAMP
);

CREATE TABLE waves (
  id VARCHAR PRIMARY KEY,            -- uuid
  number VARCHAR NOT NULL,           -- W-000001
  method VARCHAR NOT NULL,           -- single | batch | zone | wave
  order_count INTEGER NOT NULL,
  staff_id VARCHAR,
  station VARCHAR,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE pick_lists (
  id VARCHAR PRIMARY KEY,            -- uuid
  number VARCHAR NOT NULL,           -- PL-000001
  wave_id VARCHAR NOT NULL,
  method VARCHAR NOT NULL,
  zone VARCHAR,                      -- zone picking: the aisle this list covers
  picker_id VARCHAR,                 -- assigned picker (staff id); null: anyone
  picker_name VARCHAR,               -- their name when assigned (a scan answers without reading staff)
  tote VARCHAR,
  status VARCHAR NOT NULL,           -- open | in_progress | done
  current_bin VARCHAR,               -- the bin last scanned (scan the bin, then the product)
  created_at TIMESTAMP NOT NULL,
  started_at TIMESTAMP,
  finished_at TIMESTAMP
);
CREATE INDEX pick_lists_wave ON pick_lists (wave_id);
CREATE INDEX pick_lists_picker ON pick_lists (picker_id);

CREATE TABLE pick_tasks (
  id VARCHAR PRIMARY KEY,            -- pick_list_id || ':' || seq
  pick_list_id VARCHAR NOT NULL,
  seq INTEGER NOT NULL,              -- position on the walk route
  order_id VARCHAR NOT NULL,
  order_number VARCHAR NOT NULL,     -- copied from the order: a scan answers without reading the orders table
  line_no INTEGER NOT NULL,
  sku VARCHAR NOT NULL,
  location VARCHAR NOT NULL,
  bin VARCHAR,
  quantity BIGINT NOT NULL,
  picked_quantity BIGINT NOT NULL DEFAULT 0,
  short_quantity BIGINT NOT NULL DEFAULT 0, -- reported missing or damaged (a pick exception)
  status VARCHAR NOT NULL,           -- open | picked | short
  exception VARCHAR,                 -- missing | damaged
  tote VARCHAR,
  picked_by VARCHAR,
  picked_at TIMESTAMP
);
CREATE INDEX pick_tasks_list ON pick_tasks (pick_list_id);
CREATE INDEX pick_tasks_order ON pick_tasks (order_id);

-- An order at the packing bench or the collection point: what was verified by scanning, the
-- box, weight and parcels, and for click and collect when it was ready and handed over.
CREATE TABLE order_packing (
  order_id VARCHAR PRIMARY KEY,
  scanned JSON NOT NULL,             -- {"<lineNo>": units verified}
  box VARCHAR,
  weight_g INTEGER,
  parcels INTEGER,
  started_at TIMESTAMP,
  packed_at TIMESTAMP,
  packed_by VARCHAR,
  carrier VARCHAR,                   -- the carrier id it was booked with (manifests are per carrier)
  label_job BIGINT,                  -- the despatch label's print job
  ready_at TIMESTAMP,                -- click and collect: waiting at the collection point
  collected_at TIMESTAMP,
  id_check VARCHAR                   -- seen | not-required
);
