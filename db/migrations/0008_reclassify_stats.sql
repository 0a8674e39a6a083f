-- A corrected area or kind (triage, `classify`) moves the item's "received" count to the corrected area and kind, so
-- breakdowns by area count what staff settled on, not what the citizen guessed. The row is the one the insert
-- trigger of 0006 wrote: the day, centre and province the item was received with (province_id, center_id and
-- channel never change after submission). Other counters stay where they were counted.
CREATE TRIGGER `stat_items_reclassify` AFTER UPDATE OF area, kind ON `items`
WHEN OLD.area IS NOT NEW.area OR OLD.kind IS NOT NEW.kind BEGIN
  UPDATE stat_daily SET received = received - 1
    WHERE day = date((OLD.created_at + 12600000) / 1000, 'unixepoch') AND owner = coalesce(OLD.province_id, 'national')
      AND center_id = coalesce(OLD.center_id, 0) AND kind = OLD.kind AND channel = OLD.channel AND area = coalesce(OLD.area, '');
  INSERT INTO stat_daily (day, owner, center_id, kind, channel, area, received)
    VALUES (date((NEW.created_at + 12600000) / 1000, 'unixepoch'), coalesce(NEW.province_id, 'national'), coalesce(NEW.center_id, 0), NEW.kind, NEW.channel, coalesce(NEW.area, ''), 1)
    ON CONFLICT (day, owner, center_id, kind, channel, area) DO UPDATE SET received = received + 1;
END;
