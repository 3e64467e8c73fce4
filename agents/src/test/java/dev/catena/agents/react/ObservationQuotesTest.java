package dev.catena.agents.react;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sentences a quoted final answer may be: lines of the results without markers or headings, split at sentence ends. */
class ObservationQuotesTest {

    @Test
    void linesLoseTheirMarkersAndAreSplitIntoSentencesWithoutHeadings() {
        String found = "[1] ## Museum and domes\nThe museum is open Tuesday to Sunday from 10:00 to 18:00. The observatory is closed on "
                + "Mondays.\n\n[2] # Holidays\n> Closed on 25 December, e.g. for cleaning.\n1. Numbered: yes.\n* Starred item";
        assertThat(ObservationQuotes.of(List.of(found), 400)).containsExactly(
                "The museum is open Tuesday to Sunday from 10:00 to 18:00.", "The observatory is closed on Mondays.",
                "Closed on 25 December, e.g. for cleaning.", "Numbered: yes.", "Starred item");
    }

    @Test
    void linesWrappedInsideASentenceAreJoined() {
        String found = "[1] # Tickets and prices\n\n[2] ## The Great Refractor\nThe Great Refractor was built in 1931. Its lens is 61 "
                + "centimetres across and its focal length is\n10.4 metres. It sits in the North Dome.\n- one item\n- two\nitems";
        assertThat(ObservationQuotes.of(List.of(found), 400)).containsExactly("The Great Refractor was built in 1931.",
                "Its lens is 61 centimetres across and its focal length is 10.4 metres.", "It sits in the North Dome.", "one item",
                "two items");
    }

    @Test
    void numbersStayWholeAndRepeatsAreQuotedOnce() {
        assertThat(ObservationQuotes.of(List.of("31.25", "-5", "31.25", "1.5 and 2.5"), 400))
                .containsExactly("31.25", "-5", "1.5 and 2.5");
    }

    @Test
    void emptyAndPunctuationOnlyLinesAreNotQuotesAndLongOnesAreCut() {
        assertThat(ObservationQuotes.of(List.of("", "---", "...", "abcdefghij"), 4)).containsExactly("abcd");
    }

    @Test
    void aLongResultGivesAtMostTheBoundedNumberOfQuotes() {
        String lines = String.join("\n", IntStream.range(0, 500).mapToObj(i -> "Line " + i + ".").toList());
        List<String> quotes = ObservationQuotes.of(List.of(lines), 400);
        assertThat(quotes).hasSize(ObservationQuotes.MAX_QUOTES).startsWith("Line 0.");
    }
}
