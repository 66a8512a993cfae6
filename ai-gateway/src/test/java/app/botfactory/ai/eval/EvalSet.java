// The retrieval evaluation set as read from src/test/resources/eval/*.yaml: knowledge bases of a few
// businesses and labelled customer questions (an empty `expect` means out of scope).
package app.botfactory.ai.eval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;

@JsonIgnoreProperties(ignoreUnknown = true)
public record EvalSet(List<Bot> bots, List<Question> questions) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bot(String id, String name, List<Document> documents) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Document(String id, String lang, String title, String content) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Question(String bot, String lang, String q, List<String> expect) {
        public boolean outOfScope() {
            return expect == null || expect.isEmpty();
        }
    }

    /** Language without script: "uz-latn" and "uz-cyrl" are both "uz". */
    public static String language(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        int dash = t.indexOf('-');
        return dash < 0 ? t : t.substring(0, dash);
    }

    public static EvalSet load(String resource) {
        try (InputStream in = EvalSet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            EvalSet set = new ObjectMapper(new YAMLFactory()).readValue(in, EvalSet.class);
            return new EvalSet(set.bots() == null ? List.of() : set.bots(), set.questions());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable " + resource, e);
        }
    }

    public Document document(String id) {
        return bots.stream().flatMap(b -> b.documents().stream()).filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown document " + id));
    }

    /** Same language when one of the expected documents is written in the question's language. */
    public boolean sameLanguage(Question q) {
        return q.expect().stream().anyMatch(id -> language(document(id).lang()).equals(language(q.lang())));
    }
}
