package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV export: RFC 4180 quoting by the library, and cells a spreadsheet would evaluate defused. */
class ActionItemCsvTest {

  @Test
  void everyValueIsQuotedNullsAreEmptyAndFormulasAreDefused() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", 7L);
    row.put("incident", "INC-1");
    row.put("incidentTitle", "Line\r\nbreak");
    row.put("title", "=HYPERLINK(\"http://evil\")");
    row.put("owner", "+carol");
    row.put("kind", "@prevent");
    row.put("due", "-2099-06-30");
    row.put("overdue", false);
    String csv = ActionItemController.csv(List.of(row));
    assertThat(csv).isEqualTo("id,incident,incidentTitle,title,owner,kind,due,horizon,status,overdue,"
        + "completedAt,completedBy,outcome\r\n"
        + "\"7\",\"INC-1\",\"Line\r\nbreak\",\"'=HYPERLINK(\"\"http://evil\"\")\",\"'+carol\",\"'@prevent\","
        + "\"'-2099-06-30\",,,\"false\",,,\r\n");
  }
}
