package org.kaspa.aio.ui;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/** File and folder choosers: the platform's in the app; fixed answers in UI tests (native dialogs cannot be driven headless). */
public interface FileDialogs {
    Optional<Path> saveFile(Window owner, String title, String suggestedName);

    Optional<Path> openFile(Window owner, String title);

    Optional<Path> chooseDirectory(Window owner, String title);

    static FileDialogs platform() {
        return new FileDialogs() {
            @Override
            public Optional<Path> saveFile(Window owner, String title, String suggestedName) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.setInitialFileName(suggestedName);
                return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> openFile(Window owner, String title) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseDirectory(Window owner, String title) {
                DirectoryChooser c = new DirectoryChooser();
                c.setTitle(title);
                return Optional.ofNullable(c.showDialog(owner)).map(File::toPath);
            }
        };
    }
}
