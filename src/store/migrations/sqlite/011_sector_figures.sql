-- 011_sector_figures: what an organisation adds to a site's sector report,
-- kept per year and dimension for the data version it was computed at
-- (app/sector.c), so that a sector report reads one row of each unchanged
-- organisation instead of all its people. A cache: any change to the data
-- moves the data version on, and the row is computed anew at the next
-- report. Written only on PostgreSQL sites; the table is here so that both
-- dialects have the same tables.
CREATE TABLE sector_figures (
    year      INTEGER NOT NULL,
    dimension INTEGER NOT NULL,
    version   INTEGER NOT NULL,
    figures   TEXT NOT NULL,
    PRIMARY KEY (year, dimension)
);
