package io.firebreak.oncall;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double for {@link PagingPort}: records every page. */
public class RecordingPaging implements PagingPort {

  public record Page(String incidentKey, String target, String subject, String text) {}

  public final List<Page> pages = new CopyOnWriteArrayList<>();

  public void clear() {
    pages.clear();
  }

  public List<String> targets(String incidentKey) {
    return pages.stream().filter(p -> p.incidentKey().equals(incidentKey)).map(Page::target).toList();
  }

  @Override
  public void page(String incidentKey, String target, String subject, String text) {
    pages.add(new Page(incidentKey, target, subject, text));
  }
}
