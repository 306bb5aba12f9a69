package org.kaspa.aio.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The wizard's frame: the step list on top, the current step's view in the middle, Back and Next at the
 * bottom (Next is the default button: Enter; Esc goes Back) with the reason Next is
 * disabled beside it. The frame only binds; the ViewModels decide.
 */
public final class WizardView {
    private final WizardViewModel vm;
    private final BorderPane root = new BorderPane();
    private final HBox steps = new HBox(6);
    private final ScrollPane content = new ScrollPane();

    public WizardView(WizardViewModel vm) {
        this.vm = vm;
        root.getStyleClass().add("wizard");
        steps.getStyleClass().add("step-list");
        steps.setPadding(new Insets(12, 16, 12, 16));
        for (WizardViewModel.Step s : WizardViewModel.Step.values()) {
            Label l = new Label((s.ordinal() + 1) + ". " + s.title());
            l.setId("step-" + s.name().toLowerCase());
            l.getStyleClass().add("step-label");
            steps.getChildren().add(l);
        }
        content.setFitToWidth(true);
        content.setPadding(new Insets(16, 24, 16, 24));
        content.getStyleClass().add("step-content");

        Button back = new Button("Back");
        back.setId("back");
        back.setOnAction(e -> vm.back());
        // Esc = Back whatever has focus: a filter, because lists and tables consume Escape themselves.
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && !back.isDisabled()) {
                e.consume();
                vm.back();
            }
        });
        back.disableProperty().bind(vm.stepProperty().isEqualTo(WizardViewModel.Step.WELCOME)
                .or(vm.stepProperty().isEqualTo(WizardViewModel.Step.STATUS)));
        Button next = new Button("Next");
        next.setId("next");
        next.setDefaultButton(true);
        next.setOnAction(e -> vm.next());
        next.disableProperty().bind(vm.canNextProperty().not());
        Label problem = new Label();
        problem.setId("next-problem");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.nextProblemProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(10, problem, spacer, back, next);
        buttons.setPadding(new Insets(12, 16, 12, 16));
        buttons.getStyleClass().add("button-bar");

        root.setTop(steps);
        root.setCenter(content);
        root.setBottom(buttons);
        vm.stepProperty().addListener((o, a, b) -> show(b, next));
        vm.statusProperty().addListener((o, a, b) -> {
            if (vm.stepProperty().get() == WizardViewModel.Step.STATUS) {
                show(WizardViewModel.Step.STATUS, next);
            }
        });
        vm.stepProperty().addListener((o, a, b) -> next.setText(switch (b) {
            case REVIEW -> vm.isReconfigure() ? "Apply" : "Install";
            case INSTALL -> "Show status";
            default -> "Next";
        }));
        show(WizardViewModel.Step.WELCOME, next);
    }

    private void show(WizardViewModel.Step step, Button next) {
        for (Node n : steps.getChildren()) {
            n.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("current"),
                    n.getId().equals("step-" + step.name().toLowerCase()));
        }
        Node view = switch (step) {
            case WELCOME -> WelcomeStepView.build(vm);
            case SERVICES -> ServicesStepView.build(vm.services(), vm.context().catalog());
            case DATABASES -> DatabasesStepView.build(vm.databases());
            case REVIEW -> ReviewStepView.build(vm.review());
            case INSTALL -> InstallStepView.build(vm);
            case STATUS -> vm.statusProperty().get() == null ? new VBox(new Label("Starting the monitor…"))
                    : StatusStepView.build(vm.statusProperty().get(), vm.context().dialogs(), vm.context().browser());
        };
        content.setContent(view);
        next.requestFocus();
    }

    public Parent root() {
        return root;
    }
}
