package org.kaspa.aio.plan;

/** One step of a plan, with the reason in words (what the Review page and {@code plan} print). */
public record PlanAction(Kind kind, String resource, String serviceId, String reason) {

    public enum Kind {
        CREATE_NETWORK("create network"),
        CREATE_VOLUME("create volume"),
        PULL_IMAGE("pull image"),
        CREATE_CONTAINER("create container"),
        RECREATE_CONTAINER("recreate container"),
        /** Live files or the CPU quota changed: replaced in place, reloaded or restarted, container kept. */
        UPDATE_CONTAINER("update container"),
        START_CONTAINER("start container"),
        REMOVE_CONTAINER("remove container"),
        /** Only a volume that holds a copy of data kept elsewhere (a removed replica's); never a database's own. */
        REMOVE_VOLUME("remove volume"),
        KEEP("keep");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public boolean isChange() {
        return kind != Kind.KEEP;
    }

    public String describe() {
        return kind.words() + " " + resource + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
