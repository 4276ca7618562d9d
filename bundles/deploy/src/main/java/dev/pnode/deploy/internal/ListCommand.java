package dev.pnode.deploy.internal;

import java.util.Arrays;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code bundle:list [--no-format]}. */
@Component(service = ListCommand.class,
        property = {"osgi.command.scope=bundle", "osgi.command.function=list"})
public final class ListCommand {

    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
    }

    @Descriptor("lists the installed bundles: ID STATE LEVEL NAME VERSION")
    public String list(
            @Descriptor("tab-separated lines without a header, for scripts")
            @Parameter(names = "--no-format", presentValue = "true", absentValue = "false") boolean noFormat) {
        List<BundleRow> rows = Arrays.stream(context.getBundles()).map(BundleRow::of).toList();
        return noFormat ? BundleTable.plain(rows) : BundleTable.format(rows);
    }
}
