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
    }

    public void regeneratePassword() {
        password.set(generator.next());
    }

    /** The profile entry for these fields; call only when the form is valid. */
    DatabaseProfile toProfile() {
        return new DatabaseProfile(container, image.get().strip(), name.get().strip(), user.get().strip(),
                Integer.parseInt(port.get().strip()), volume);
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
    public StringProperty strengthTextProperty() { return strengthText; }
}
