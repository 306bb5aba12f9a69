package org.kaspa.aio.ui;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.kaspa.aio.profile.DatabaseProfile;
import org.kaspa.aio.profile.PasswordGenerator;

/** One database's fields on the Databases step, with an error text per field ("" when fine). */
public final class DatabaseForm {
    private final String serviceId;
    private final String title;
    private final String container;
    private final String volume;
    final StringProperty port = new SimpleStringProperty();
    final StringProperty name = new SimpleStringProperty();
    final StringProperty user = new SimpleStringProperty();
    final StringProperty password = new SimpleStringProperty();
    final StringProperty image = new SimpleStringProperty();
    final StringProperty portError = new SimpleStringProperty("");
    final StringProperty nameError = new SimpleStringProperty("");
    final StringProperty userError = new SimpleStringProperty("");
    final StringProperty passwordError = new SimpleStringProperty("");
    final StringProperty imageError = new SimpleStringProperty("");
    /** Empty until the engine's machine is known and nothing was typed: apply then sizes it itself. */
    final StringProperty memoryMb = new SimpleStringProperty("");
    final StringProperty cpus = new SimpleStringProperty("");
    final StringProperty memoryError = new SimpleStringProperty("");
    final StringProperty cpusError = new SimpleStringProperty("");
    /** The Advanced settings table: PostgreSQL settings over the derived ones. */
    final javafx.collections.ObservableList<SettingRow> settings = javafx.collections.FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[]{r.name, r.value});
    final StringProperty settingsError = new SimpleStringProperty("");
    /** The split last suggested, so that a re-split replaces it but never what the person typed. */
    private org.kaspa.aio.profile.DatabaseResources suggested;
    /** Its PgBouncer: on or off, host port, image, pool mode (the rest of the pooler's profile is kept). */
    final javafx.beans.property.BooleanProperty poolerEnabled = new javafx.beans.property.SimpleBooleanProperty(false);
    final StringProperty poolerPort = new SimpleStringProperty("");
    final StringProperty poolerImage = new SimpleStringProperty("");
    final StringProperty poolMode = new SimpleStringProperty(org.kaspa.aio.profile.PoolerProfile.DEFAULT_POOL_MODE);
    final StringProperty poolerPortError = new SimpleStringProperty("");
    final StringProperty poolerImageError = new SimpleStringProperty("");
    private org.kaspa.aio.profile.PoolerProfile pooler;
    /** Its read replicas: how many, and their host ports as typed ("5443, 5453"); the first {@code count} are used. */
    final StringProperty replicaCount = new SimpleStringProperty("0");
    final StringProperty replicaPorts = new SimpleStringProperty("");
    final StringProperty replicasError = new SimpleStringProperty("");
    private final boolean hasReplicas;
    /** Its scheduled backups, kept as the profile has them (the Status view's Backups panel edits them). */
    private final org.kaspa.aio.profile.BackupsProfile backups;
    final DoubleProperty strength = new SimpleDoubleProperty();
    final StringProperty strengthText = new SimpleStringProperty("");
    private final PasswordGenerator generator;

    DatabaseForm(String serviceId, String title, DatabaseProfile db, String password, PasswordGenerator generator) {
        this.serviceId = serviceId;
        this.title = title;
        this.container = db.container();
        this.volume = db.volume();
        this.generator = generator;
        this.port.set(String.valueOf(db.port()));
        this.name.set(db.name());
        this.user.set(db.user());
        this.image.set(db.image());
        this.password.set(password);
        if (db.resources() != null) {
            memoryMb.set(String.valueOf(db.resources().memoryMb()));
            cpus.set(number(db.resources().cpus()));
        }
        db.settings().forEach((k, v) -> settings.add(new SettingRow(k, v)));
        this.pooler = db.pooler();
        this.backups = db.backups();
        if (pooler != null) {
            poolerEnabled.set(pooler.enabled());
            poolerPort.set(String.valueOf(pooler.port()));
            poolerImage.set(pooler.image());
            poolMode.set(pooler.poolMode());
        }
        hasReplicas = db.replicas() != null;
        if (hasReplicas) {
            replicaCount.set(String.valueOf(db.replicas().count()));
            replicaPorts.set(String.join(", ", db.replicas().ports().stream().map(String::valueOf).toList()));
        }
    }

    /** Whether this database has a replicas section (every profile read since schema version 4 has one). */
    public boolean hasReplicas() {
        return hasReplicas;
    }

    /** The ports typed, in order; throws NumberFormatException on anything that is not a list of whole numbers. */
    java.util.List<Integer> replicaPortList() {
        String typed = replicaPorts.get().strip();
        if (typed.isEmpty()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(typed.split("\\s*,\\s*|\\s+")).map(Integer::parseInt).toList();
    }

    /** The replicas typed, with default ports added where fewer than the count were typed; call when valid. */
    org.kaspa.aio.profile.ReplicasProfile replicasProfile() {
        if (!hasReplicas) {
            return null;
        }
        return new org.kaspa.aio.profile.ReplicasProfile(0, replicaPortList()).withCount(Integer.parseInt(replicaCount.get().strip()));
    }

    /** Whether this database has a pooler section at all (a profile from before poolers has none). */
    public boolean hasPooler() {
        return pooler != null;
    }

    org.kaspa.aio.profile.PoolerProfile poolerProfile() {
        if (pooler == null) {
            return null;
        }
        return new org.kaspa.aio.profile.PoolerProfile(poolerEnabled.get(), poolerImage.get().strip(),
                Integer.parseInt(poolerPort.get().strip()), poolMode.get(), pooler.maxClientConnections(), pooler.defaultPoolSize());
    }

    /** One row of the Advanced settings table. */
    public static final class SettingRow {
        final StringProperty name = new SimpleStringProperty("");
        final StringProperty value = new SimpleStringProperty("");

        public SettingRow(String name, String value) {
            this.name.set(name);
            this.value.set(value);
        }

        public StringProperty nameProperty() { return name; }
        public StringProperty valueProperty() { return value; }
    }

    static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Takes the suggested share unless the person chose other numbers. */
    void suggest(org.kaspa.aio.profile.DatabaseResources share) {
        boolean untouched = memoryMb.get().isEmpty() || (suggested != null && memoryMb.get().equals(String.valueOf(suggested.memoryMb()))
                && cpus.get().equals(number(suggested.cpus())));
        suggested = share;
        if (untouched && share != null) {
            memoryMb.set(String.valueOf(share.memoryMb()));
            cpus.set(number(share.cpus()));
        }
    }

    public void addSetting() {
        settings.add(new SettingRow("", ""));
    }

    /** The resources typed, or null when left empty (sized from the engine at apply); call when valid. */
    org.kaspa.aio.profile.DatabaseResources resources() {
        if (memoryMb.get().isBlank() && cpus.get().isBlank()) {
            return null;
        }
        return new org.kaspa.aio.profile.DatabaseResources(Integer.parseInt(memoryMb.get().strip()), Double.parseDouble(cpus.get().strip()));
    }

    java.util.Map<String, String> settingsMap() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        settings.stream().filter(r -> !r.name.get().isBlank()).forEach(r -> out.put(r.name.get().strip(), r.value.get().strip()));
        return out;
    }

    public void regeneratePassword() {
        password.set(generator.next());
    }

    /** The profile entry for these fields; call only when the form is valid. */
    DatabaseProfile toProfile() {
        return new DatabaseProfile(container, image.get().strip(), name.get().strip(), user.get().strip(),
                Integer.parseInt(port.get().strip()), volume, resources(), settingsMap(), poolerProfile(), replicasProfile(),
                backups);
    }

    /** Entropy estimate: length × log2(size of the character classes used); 1.0 = 128 bits. */
    static double strengthOf(String pw) {
        if (pw == null || pw.isEmpty()) {
            return 0;
        }
        int pool = 0;
        if (pw.chars().anyMatch(Character::isLowerCase)) pool += 26;
        if (pw.chars().anyMatch(Character::isUpperCase)) pool += 26;
        if (pw.chars().anyMatch(Character::isDigit)) pool += 10;
        if (pw.chars().anyMatch(c -> !Character.isLetterOrDigit(c))) pool += 20;
        double bits = pw.length() * (Math.log(pool) / Math.log(2));
        return Math.min(1.0, bits / 128.0);
    }

    public String serviceId() { return serviceId; }
    public String title() { return title; }
    public String container() { return container; }
    public String volume() { return volume; }
    public StringProperty portProperty() { return port; }
    public StringProperty nameProperty() { return name; }
    public StringProperty userProperty() { return user; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty imageProperty() { return image; }
    public StringProperty portErrorProperty() { return portError; }
    public StringProperty nameErrorProperty() { return nameError; }
    public StringProperty userErrorProperty() { return userError; }
    public StringProperty passwordErrorProperty() { return passwordError; }
    public StringProperty imageErrorProperty() { return imageError; }
    public DoubleProperty strengthProperty() { return strength; }
    public StringProperty memoryMbProperty() { return memoryMb; }
    public javafx.beans.property.BooleanProperty poolerEnabledProperty() { return poolerEnabled; }
    public StringProperty poolerPortProperty() { return poolerPort; }
    public StringProperty poolerImageProperty() { return poolerImage; }
    public StringProperty poolModeProperty() { return poolMode; }
    public StringProperty poolerPortErrorProperty() { return poolerPortError; }
    public StringProperty poolerImageErrorProperty() { return poolerImageError; }
    public StringProperty cpusProperty() { return cpus; }
    public StringProperty replicaCountProperty() { return replicaCount; }
    public StringProperty replicaPortsProperty() { return replicaPorts; }
    public StringProperty replicasErrorProperty() { return replicasError; }
    public StringProperty memoryErrorProperty() { return memoryError; }
    public StringProperty cpusErrorProperty() { return cpusError; }
    public javafx.collections.ObservableList<SettingRow> settings() { return settings; }
    public StringProperty settingsErrorProperty() { return settingsError; }
    public StringProperty strengthTextProperty() { return strengthText; }
}
