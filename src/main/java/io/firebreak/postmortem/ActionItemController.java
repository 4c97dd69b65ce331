package io.firebreak.postmortem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.firebreak.platform.CurrentUser;
import io.firebreak.platform.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/action-items}: every postmortem action item with its state. {@code ?horizon=planning}
 * is the planning backlog (items due beyond the horizon, not assigned as tasks); {@code now} the
 * assigned ones. JSON, or CSV with {@code Accept: text/csv} or {@code ?format=csv}. Items in the
 * backlog are marked done here; assigned ones by completing their Tasklist task. HTTP Basic.
 */
@RestController
@RequestMapping("/api/action-items")
class ActionItemController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  private static final Set<String> HORIZONS = Set.of(ActionItemRepository.NOW, ActionItemRepository.PLANNING, "all");
  private static final Set<String> STATUSES = Set.of(ActionItemRepository.OPEN, ActionItemRepository.DONE, "all");
  private static final List<String> COLUMNS = List.of("id", "incident", "incidentTitle", "title", "owner", "kind",
      "due", "horizon", "status", "overdue", "completedAt", "completedBy", "outcome");

  private final ActionItemRepository actionItems;

  ActionItemController(ActionItemRepository actionItems) {
    this.actionItems = actionItems;
  }

  record DoneRequest(String outcome) {}

  @GetMapping
  ResponseEntity<?> list(@RequestParam(defaultValue = "all") String horizon,
      @RequestParam(defaultValue = "all") String status, @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    String h = horizon.strip().toLowerCase(Locale.ROOT);
    String s = status.strip().toLowerCase(Locale.ROOT);
    if (!HORIZONS.contains(h)) {
      return error(HttpStatus.BAD_REQUEST, "invalid_request", "horizon: must be one of now, planning, all");
    }
    if (!STATUSES.contains(s)) {
      return error(HttpStatus.BAD_REQUEST, "invalid_request", "status: must be one of open, done, all");
    }
    if (format != null && !format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("json")) {
      return error(HttpStatus.BAD_REQUEST, "invalid_request", "format: must be csv or json");
    }
    LocalDate today = StartActionItem.today();
    List<Map<String, Object>> rows = actionItems.list("all".equals(h) ? null : h, "all".equals(s) ? null : s).stream()
        .map(r -> json(r, today)).toList();
    boolean csv = format != null ? format.equalsIgnoreCase("csv")
        : accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    if (csv) {
      return ResponseEntity.ok().contentType(CSV)
          .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"action-items-" + h + ".csv\"")
          .body(csv(rows));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("actionItems", rows));
  }

  /** Marks a planning-backlog item done. Assigned items are done through their task, so the process ends too. */
  @PostMapping(path = "/{id}/done", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Transactional
  ResponseEntity<?> done(@PathVariable long id, @RequestBody(required = false) DoneRequest body,
      HttpServletRequest request) {
    ActionItemRepository.Row row = actionItems.find(id).orElse(null);
    if (row == null) {
      return error(HttpStatus.NOT_FOUND, "not_found", "no action item " + id);
    }
    String outcome = body == null ? null : body.outcome();
    if (outcome == null || outcome.isBlank() || outcome.length() > 2000) {
      return error(HttpStatus.BAD_REQUEST, "invalid_request", "outcome: is required, at most 2000 characters");
    }
    if (row.processInstanceId() != null) {
      return error(HttpStatus.CONFLICT, "conflict", "action item " + id
          + " is assigned as a Tasklist task; complete the task 'Complete action item' instead");
    }
    if (!actionItems.done(id, CurrentUser.of(request).id(), outcome.strip())) {
      return error(HttpStatus.CONFLICT, "conflict", "action item " + id + " is done already");
    }
    return ResponseEntity.ok(json(actionItems.find(id).orElseThrow(), StartActionItem.today()));
  }

  private static Map<String, Object> json(ActionItemRepository.Row r, LocalDate today) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("incident", r.incidentKey());
    m.put("incidentTitle", r.incidentTitle());
    m.put("title", r.title());
    m.put("owner", r.owner());
    m.put("kind", r.kind());
    m.put("due", r.due().toString());
    m.put("horizon", r.horizon());
    m.put("status", r.status());
    m.put("overdue", r.overdue(today));
    m.put("completedAt", r.completedAt() == null ? null : r.completedAt().toString());
    m.put("completedBy", r.completedBy());
    m.put("outcome", r.outcome());
    return m;
  }

  private static final CsvMapper CSV_MAPPER = CsvMapper.builder()
      .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS).build();
  private static final CsvSchema CSV_SCHEMA = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING)
      .setLineSeparator("\r\n").build();

  /** RFC 4180 (by jackson-dataformat-csv): every value quoted, CRLF line ends; cells defused for spreadsheets. */
  static String csv(List<Map<String, Object>> rows) {
    List<Map<String, String>> cells = rows.stream().map(row -> {
      Map<String, String> line = new LinkedHashMap<>();
      COLUMNS.forEach(column -> line.put(column, defused(row.get(column))));
      return line;
    }).toList();
    try {
      // The header is the fixed column names, unquoted as before; every value is quoted by the library.
      return String.join(",", COLUMNS) + "\r\n" + CSV_MAPPER.writer(CSV_SCHEMA).writeValueAsString(cells);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A leading =+-@ (or tab, CR) would make a spreadsheet evaluate the cell: a quote keeps it text. */
  private static String defused(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString();
    return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
  }

  private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String detail) {
    return ErrorBody.entity(status, error, detail);
  }
}
