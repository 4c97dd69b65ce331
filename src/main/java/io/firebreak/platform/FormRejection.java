package io.firebreak.platform;

/**
 * A form answer only the server can check was refused (an owner who is not a user, a service not in
 * the catalog, a malformed action item). The message is one sentence naming the form field, shown
 * as it is to the person in Tasklist and answered as 400 over the REST API by {@link FormRejections},
 * which unwraps the engine's "exception while invoking the TaskListener" wrapping. The task stays
 * open: the engine rolls the completion back.
 */
public class FormRejection extends RuntimeException {

  private final String field;

  /**
   * @param field the form label the person sees, e.g. "Communications lead"
   * @param sentence a readable sentence that names the field and says what to do
   */
  public FormRejection(String field, String sentence) {
    super(sentence);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
