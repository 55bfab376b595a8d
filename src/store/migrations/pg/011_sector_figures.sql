-- 011_sector_figures: what an organisation adds to a site's sector report,
-- kept per year and dimension for the data version it was computed at
-- (app/sector.c), so that a sector report reads one row of each unchanged
-- organisation instead of all its people. A cache: any change to the data
-- moves the data version on, and the row is computed anew at the next
-- report. (PostgreSQL dialect of sqlite/011_sector_figures.sql.)
CREATE TABLE sector_figures (
    year      BIGINT NOT NULL,
    dimension BIGINT NOT NULL,
    version   BIGINT NOT NULL,
    figures   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (year, dimension)
);
