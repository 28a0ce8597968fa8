package org.locationvisits.replay;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.locationvisits.avro.LocationVisit;
import org.locationvisits.record.DayRecords;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.datalake.ArchivedAnswer;
import org.locationvisits.datalake.DataLakeReader;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * Sends archived ShopperTrak answers again, day by day, through the main job's parser, encoder and destination,
 * without asking ShopperTrak anything and without touching the stored offset. Every day of the range is listed
 * before anything is sent, so a range with a day the archive does not have is refused whole.
 */
public final class Replayer {
    public static final int EXIT_DONE = 0;
    public static final int EXIT_STOPPED = 1;
    public static final int EXIT_REFUSED = 2;

    /** Where a day's records go; the main job's {@code KinesisForwarder::send}. */
    public interface Destination {
        void send(List<KinesisEntry> entries);
    }

    private final DataLakeReader lake;
    private final LocationVisitsEncoder encoder;
    private final MissingDataRule missing;
    private final Destination destination;
    private final PrintStream out;

    /**
     * @param missing     decides {@code is_missing_data} for the current generation; unused for the first
     * @param destination where records go, or null for a dry run (parse and encode, send nothing)
     */
    public Replayer(DataLakeReader lake, LocationVisitsEncoder encoder, MissingDataRule missing,
                    Destination destination, PrintStream out) {
        this.lake = lake;
        this.encoder = encoder;
        this.missing = missing;
        this.destination = destination;
        this.out = out;
    }

    /**
     * @param site only this site's rows, or null for every site
     * @return {@link #EXIT_DONE}, {@link #EXIT_REFUSED} (a day without archived answers; nothing sent) or
     *         {@link #EXIT_STOPPED} (an answer could not be read or sent; the days before it were sent)
     */
    public int replay(LocalDate from, LocalDate to, String site, PrintStream err) {
        List<DayAnswers> days = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                DayAnswers answers = DayAnswers.select(day, lake.answers(day), site);
                days.add(answers);
                if (!answers.replayable(site)) {
                    refused.add(day + " (" + answers.whyNot() + ")");
                }
            }
        } catch (RuntimeException e) {
            err.println("error: could not list " + lake.location() + ": " + e.getMessage() + "; nothing sent");
            return EXIT_STOPPED;
        }
        if (!refused.isEmpty()) {
            err.println("error: refused, nothing sent: " + refused.size() + " day(s) of " + from + ".." + to
                    + " cannot be replayed from " + lake.location() + (site == null ? "" : " for site '" + site + "'")
                    + ":\n  " + String.join("\n  ", refused)
                    + "\nNarrow the range (--from/--to) to days the archive holds, or fetch those days from ShopperTrak.");
            return EXIT_REFUSED;
        }
        ArchivedRows reader = new ArchivedRows(lake, site);
        long rows = 0;
        int done = 0;
        for (DayAnswers day : days) {
            try {
                rows += replayDay(day, reader);
                done++;
            } catch (RuntimeException e) { // ReplayException, S3 or Kinesis failures: all end the replay here
                err.println("error: replay stopped at " + day.day() + ": " + e.getMessage() + "; "
                        + (done == 0 ? "no day was" : "the " + done + " day(s) before it were") + " "
                        + (destination == null ? "encoded" : "sent") + ". Replay " + day.day() + ".." + to + " again.");
                return EXIT_STOPPED;
            }
        }
        out.printf("%s: %d day(s), %d rows %s, 0 ShopperTrak calls; the stored offset was neither read nor moved%n",
                destination == null ? "Dry run complete" : "Replay complete", done, rows,
                destination == null ? "parsed and encoded, nothing sent" : "sent");
        return EXIT_DONE;
    }

    private long replayDay(DayAnswers day, ArchivedRows reader) {
        AnswerRows allSites = day.allSites() == null ? null : reader.read(day.allSites());
        List<AnswerRows> sites = new ArrayList<>();
        for (ArchivedAnswer answer : day.siteAnswers()) {
            sites.add(reader.read(answer));
        }
        DayMerge merge = DayMerge.of(allSites, sites);
        List<KinesisEntry> entries = new ArrayList<>((int) merge.rows());
        for (AnswerRows part : merge.parts()) {
            String pollDate = part.pollDate();
            for (TrafficRow row : part.rows()) {
                LocationVisit visit = DayRecords.visit(row, part.recovery(), pollDate, encoder.generation(), missing);
                entries.add(new KinesisEntry(visit.key(), encoder.encode(visit)));
            }
        }
        if (destination != null) {
            destination.send(entries);
        }
        out.printf("%s: %d rows from %d answer(s) (%s)%s, %s%n", day.day(), entries.size(), merge.answersUsed(),
                describe(merge), merge.superseded().isEmpty() ? ""
                        : "; " + merge.superseded().size() + " older site answer(s) superseded by allsites",
                destination == null ? "not sent (dry run)" : "sent");
        return entries.size();
    }

    /** e.g. {@code allsites of 2024-03-26T06:15:00.123Z + 2 site answer(s)}; a day may have hundreds of those. */
    private static String describe(DayMerge merge) {
        List<AnswerRows> parts = merge.parts();
        boolean allSites = !parts.isEmpty() && parts.get(0).answer().allSites();
        int siteAnswers = parts.size() - (allSites ? 1 : 0);
        String head = allSites ? "allsites of " + parts.get(0).answer().fetchedAt() : "no allsites";
        return siteAnswers == 0 ? head : head + " + " + siteAnswers + " site answer(s)";
    }
}
