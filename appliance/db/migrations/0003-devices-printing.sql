-- Devices and printing: printers, scanners, the stations they serve, and the durable print queue. A receipt or
-- label is a row here (with its exact bytes) before it is bytes on a wire.

CREATE TABLE printers (
  id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,             -- receipt | label
  transport VARCHAR NOT NULL,        -- virtual | tcp | usb
  address VARCHAR,                   -- tcp: host:port; usb: vendorId:productId (hex); virtual: null
  profile VARCHAR NOT NULL,          -- receipt: a drivers/printer/profiles id; label: zpl | tspl
  active BOOLEAN NOT NULL DEFAULT true
);

-- Scanners read on the appliance (HID POS over USB, or USB-CDC serial); their scans go to the
-- station they are assigned to over socket.io. Keyboard-wedge scanners need no row: they type.
CREATE TABLE scanners (
  id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  transport VARCHAR NOT NULL,        -- hid | serial
  address VARCHAR NOT NULL,          -- hid: vendorId:productId (hex); serial: /dev/ttyACM0
  layout VARCHAR,                    -- HID POS report layout (drivers/scanner/hid-pos-framing.ts)
  active BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE stations (
  id VARCHAR PRIMARY KEY,            -- the station name a device signs in with (till-1, pack-bench)
  name VARCHAR NOT NULL,
  receipt_printer VARCHAR,
  label_printer VARCHAR,
  scanner VARCHAR                    -- a scanner read on the appliance (HID POS / serial), if any
);

CREATE TABLE print_jobs (
  id BIGINT PRIMARY KEY,
  kind VARCHAR NOT NULL,             -- receipt | label | report | test | drawer
  format VARCHAR NOT NULL,           -- escpos | zpl | tspl
  station VARCHAR,
  printer VARCHAR NOT NULL,
  status VARCHAR NOT NULL,           -- queued | sending | printed | failed | interrupted | cancelled
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error VARCHAR,
  reference VARCHAR,                 -- what it prints: a receipt number, an order, a SKU
  copy_of BIGINT,                    -- a reprint's original job
  document JSON,                     -- what the bytes were made from (a reprint re-encodes it as COPY)
  bytes BLOB NOT NULL,               -- exactly what is (to be) sent
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  printed_at TIMESTAMP,
  created_by VARCHAR
);
CREATE INDEX print_jobs_status ON print_jobs (status);

-- Every shop starts with on-screen printers, so receipts and labels always have somewhere to
-- go (and a preview) before real printers are set up in Settings → Devices.
INSERT INTO printers VALUES
  ('screen-receipts', 'Receipt preview (on screen)', 'receipt', 'virtual', NULL, 'epson-tm-t88vi', true),
  ('screen-labels', 'Label preview (on screen)', 'label', 'virtual', NULL, 'zpl', true);
