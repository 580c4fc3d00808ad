package dev.activitylive.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Numbers are written byte for byte as node's {@code JSON.stringify} writes them: checked against the corpus that
 * {@code src/test/resources/js-numbers/generate.js} made with node (random bit patterns, decimals, ratios, every power
 * of two and of ten with its neighbours, subnormals, the limits of plain digits).
 */
class JsNumbersTest {

    record Sample(double value, String javascript) {
    }

    private static List<Sample> corpus() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                JsNumbersTest.class.getResourceAsStream("/js-numbers/corpus.tsv.gz")), StandardCharsets.US_ASCII))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int tab = line.indexOf('\t');
                samples.add(new Sample(Double.longBitsToDouble(Long.parseUnsignedLong(line.substring(0, tab), 16)),
                        line.substring(tab + 1)));
            }
        }
        return samples;
    }

    @Test
    void everyNumberOfTheCorpusIsWrittenAsJavaScriptWritesIt() throws IOException {
        List<Sample> corpus = corpus();
        assertTrue(corpus.size() >= 100_000, "corpus of " + corpus.size());
        List<String> wrong = new ArrayList<>();
        for (Sample sample : corpus) {
            String written = JsNumbers.toString(sample.value());
            if (!written.equals(sample.javascript()) && wrong.size() < 20) {
                wrong.add(Long.toHexString(Double.doubleToRawLongBits(sample.value())) + ": " + written + " (node: "
                        + sample.javascript() + ")");
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The search JDK 17 needs, checked on every JDK: the digits alone, before the whole-number shortcut. */
    @Test
    void theExactSearchFindsJavaScriptsDigitsForEveryNumberOfTheCorpus() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Sample sample : corpus()) {
            double value = sample.value();
            if (value == 0) {
                continue;
            }
            String searched = (value < 0 ? "-" : "") + JsNumbers.layout(JsNumbers.shortest(Math.abs(value)));
            if (!searched.equals(sample.javascript()) && wrong.size() < 20) {
                wrong.add(Long.toHexString(Double.doubleToRawLongBits(value)) + ": " + searched + " (node: "
                        + sample.javascript() + ")");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theCasesJdk17GetsWrongAndTheLimitsOfPlainDigits() {
        assertEquals("2e+23", JsNumbers.toString(2e23));
        assertEquals("5e-324", JsNumbers.toString(Double.MIN_VALUE));
        assertEquals("0.00011", JsNumbers.toString(0.00011));
        assertEquals("12345678.5", JsNumbers.toString(12345678.5));
        assertEquals("100000000000000000000", JsNumbers.toString(1e20));
        assertEquals("1e+21", JsNumbers.toString(1e21));
        assertEquals("0.000001", JsNumbers.toString(1e-6));
        assertEquals("1e-7", JsNumbers.toString(1e-7));
        assertEquals("0", JsNumbers.toString(-0.0));
        assertEquals("-1.5", JsNumbers.toString(-1.5));
        assertEquals("1.7976931348623157e+308", JsNumbers.toString(Double.MAX_VALUE));
    }
}
