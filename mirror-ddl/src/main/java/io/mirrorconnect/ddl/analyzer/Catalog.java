package io.mirrorconnect.ddl.analyzer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The peers and mirrors defined so far in a run (across all its files), by lower-cased name. */
public final class Catalog {
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final Map<String, MirrorDefinition> mirrors = new LinkedHashMap<>();

    public Optional<Peer> peer(String name) {
        return Optional.ofNullable(peers.get(name));
    }

    public void addPeer(Peer peer) {
        peers.put(peer.name(), peer);
    }

    public boolean removePeer(String name) {
        return peers.remove(name) != null;
    }

    public Collection<String> peerNames() {
        return peers.keySet();
    }

    public Optional<MirrorDefinition> mirror(String name) {
        return Optional.ofNullable(mirrors.get(name));
    }

    public void addMirror(MirrorDefinition mirror) {
        mirrors.put(mirror.name(), mirror);
    }

    public void removeMirror(String name) {
        mirrors.remove(name);
    }

    public Collection<MirrorDefinition> mirrors() {
        return mirrors.values();
    }
}
