package io.tender.core.internal.deploy;

import io.tender.api.TenderException;
import io.tender.api.deploy.ProviderBundle;
import io.tender.api.deploy.ProviderDeployment;
import io.tender.api.provider.PaymentProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider bundles through the deploy folder that FileInstall watches ({@code felix.fileinstall.dir}):
 * a jar written there is installed and started, a replaced one updated and refreshed, a deleted
 * one uninstalled. The jar a deploy or a remove replaces is kept in {@code <data>/provider-history/}
 * for a rollback. Files are written beside the folder first and moved in whole, so FileInstall
 * never reads half a jar; one change at a time.
 */
@Component(service = ProviderDeployment.class)
public final class DeployFolder implements ProviderDeployment {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolder.class);
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.jar");
    private static final String PROVIDER_SERVICE = PaymentProvider.class.getName();
    private static final long TAKE_IN_MILLIS = 15_000;

    private final BundleContext context;
    private final Path deploy;
    private final Path staging;
    private final Path history;

    @Activate
    public DeployFolder(BundleContext context) {
        this(context, Path.of(Optional.ofNullable(context.getProperty("felix.fileinstall.dir")).orElse("deploy")).toAbsolutePath(),
                Path.of(Optional.ofNullable(System.getProperty("tender.data.dir")).orElse("data")).toAbsolutePath()
                        .resolve("provider-history"));
    }

    DeployFolder(BundleContext context, Path deploy, Path history) {
        this.context = context;
        this.deploy = deploy;
        this.staging = deploy.resolveSibling("." + deploy.getFileName() + "-staging");
        this.history = history;
    }

    @Override
    public List<ProviderBundle> bundles() {
        try (Stream<Path> files = Files.list(deploy)) {
            List<ProviderBundle> bundles = new ArrayList<>();
            for (Path jar : files.filter(p -> FILE.matcher(p.getFileName().toString()).matches()).sorted().toList()) {
                Optional<Manifest> manifest = manifest(jar);
                if (manifest.isPresent() && providesPaymentProvider(manifest.get())) {
                    bundles.add(view(jar.getFileName().toString(), manifest.get()));
                }
            }
            return bundles;
        } catch (IOException e) {
            throw new UncheckedIOException("the deploy folder " + deploy + " cannot be read", e);
        }
    }

    @Override
    public synchronized ProviderBundle deploy(String file, byte[] jar) {
        String name = checkedName(file);
        Manifest manifest = providerManifest(jar);
        try {
            Files.createDirectories(staging);
            Files.createDirectories(history);
            Path target = deploy.resolve(name);
            if (Files.exists(target) && manifest(target).filter(DeployFolder::providesPaymentProvider).isEmpty()) {
                throw TenderException.conflict("file", "'" + name + "' in the deploy folder is not a provider bundle; it is not replaced");
            }
            Path staged = Files.createTempFile(staging, name, ".tmp");
            Files.write(staged, jar);
            Path replaced = Files.exists(target) ? Files.createTempFile(staging, name, ".old") : null;
            if (replaced != null) {
                Files.copy(target, replaced, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (replaced != null) {
                Files.move(replaced, history.resolve(name), StandardCopyOption.REPLACE_EXISTING); // kept only once replaced
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the bundle could not be written to " + deploy, e);
        }
        LOG.info("Provider bundle {} {} deployed as {}", symbolicName(manifest), version(manifest), name);
        return awaitTakenIn(name, manifest);
    }

    @Override
    public synchronized ProviderBundle rollback(String file) {
        String name = checkedName(file);
        Path previous = history.resolve(name);
        if (!Files.exists(previous)) {
            throw TenderException.notFound("file", "there is no earlier version of '" + name + "' to roll back to");
        }
        try {
            Files.createDirectories(staging);
            Path target = deploy.resolve(name);
            Path staged = Files.createTempFile(staging, name, ".tmp");
            Files.copy(previous, staged, StandardCopyOption.REPLACE_EXISTING);
            if (Files.exists(target)) {
                Files.copy(target, previous, StandardCopyOption.REPLACE_EXISTING); // a second rollback undoes this one
            } else {
                Files.delete(previous);
            }
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Manifest manifest = manifest(target).orElseThrow();
            LOG.info("Provider bundle {} rolled back to {}", name, version(manifest));
            return awaitTakenIn(name, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("the rollback of " + name + " could not be written", e);
        }
    }

    @Override
    public synchronized void remove(String file) {
        String name = checkedName(file);
        Path target = deploy.resolve(name);
        if (!Files.exists(target) || manifest(target).filter(DeployFolder::providesPaymentProvider).isEmpty()) {
            throw TenderException.notFound("file", "no provider bundle '" + name + "' in the deploy folder");
        }
        try {
            Files.createDirectories(history);
            Files.move(target, history.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundle " + name + " could not be removed", e);
        }
        LOG.info("Provider bundle {} removed; kept for a rollback", name);
        long deadline = System.currentTimeMillis() + TAKE_IN_MILLIS;
        while (installed(name).isPresent() && System.currentTimeMillis() < deadline) {
            pause();
        }
    }

    // ---- the framework's view -------------------------------------------------------------------

    /** Waits until the framework runs the file's bundle at the file's version, or the wait is over. */
    private ProviderBundle awaitTakenIn(String name, Manifest manifest) {
        long deadline = System.currentTimeMillis() + TAKE_IN_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Optional<Bundle> bundle = installed(name);
            if (bundle.isPresent() && bundle.get().getState() == Bundle.ACTIVE
                    && bundle.get().getVersion().toString().equals(osgiVersion(manifest)) && !providerIds(bundle.get()).isEmpty()) {
                break;
            }
            pause();
        }
        return view(name, manifest);
    }

    private ProviderBundle view(String name, Manifest manifest) {
        Optional<Bundle> bundle = installed(name);
        String previous = Files.exists(history.resolve(name)) ? manifest(history.resolve(name)).map(DeployFolder::version).orElse(null)
                : null;
        return new ProviderBundle(name, bundle.map(Bundle::getBundleId).orElse(-1L), symbolicName(manifest), version(manifest),
                bundle.map(b -> state(b.getState())).orElse("ABSENT"), bundle.map(DeployFolder::providerIds).orElse(List.of()),
                previous);
    }

    /** @return the bundle FileInstall installed from the file: its location is the file's URI */
    private Optional<Bundle> installed(String name) {
        Path file = deploy.resolve(name).normalize();
        return Arrays.stream(context.getBundles()).filter(b -> {
            String location = b.getLocation();
            if (location == null || !location.startsWith("file:")) {
                return false;
            }
            try {
                return Path.of(java.net.URI.create(location)).normalize().equals(file);
            } catch (RuntimeException notAPath) {
                return false;
            }
        }).findFirst();
    }

    private static List<String> providerIds(Bundle bundle) {
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        if (services == null) {
            return List.of();
        }
        return Arrays.stream(services)
                .filter(r -> r.getProperty("objectClass") instanceof String[] classes && Arrays.asList(classes).contains(PROVIDER_SERVICE))
                .map(r -> r.getProperty(PaymentProvider.ID_PROPERTY))
                .filter(String.class::isInstance).map(String.class::cast).sorted().toList();
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }

    // ---- jars -------------------------------------------------------------------------------------

    private static String checkedName(String file) {
        if (file == null || !FILE.matcher(file).matches()) {
            throw TenderException.invalid("file", "must be a file name ending in .jar (letters, digits, '.', '_', '-')");
        }
        return file;
    }

    private static Manifest providerManifest(byte[] jar) {
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar == null ? new byte[0] : jar))) {
            manifest = in.getManifest();
        } catch (IOException e) {
            throw TenderException.invalid("bundle", "is not a jar: " + e.getMessage());
        }
        if (manifest == null || symbolicName(manifest) == null) {
            throw TenderException.invalid("bundle", "is not an OSGi bundle: no Bundle-SymbolicName in its manifest");
        }
        if (!providesPaymentProvider(manifest)) {
            throw TenderException.invalid("bundle", "provides no " + PROVIDER_SERVICE + " (no such osgi.service capability)");
        }
        return manifest;
    }

    private static Optional<Manifest> manifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Optional.ofNullable(file.getManifest());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean providesPaymentProvider(Manifest manifest) {
        String capabilities = manifest.getMainAttributes().getValue("Provide-Capability");
        return capabilities != null && capabilities.contains("osgi.service") && capabilities.contains(PROVIDER_SERVICE);
    }

    private static String symbolicName(Manifest manifest) {
        String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        return name == null ? null : name.split(";")[0].strip();
    }

    private static String version(Manifest manifest) {
        String version = manifest.getMainAttributes().getValue("Bundle-Version");
        return version == null ? "0.0.0" : version.strip();
    }

    private static String osgiVersion(Manifest manifest) {
        return org.osgi.framework.Version.parseVersion(version(manifest)).toString();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
