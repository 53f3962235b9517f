package dev.stt.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into addresses. Injectable, so tests can script what a name resolves to. */
public interface HostResolver {

    /** Every address the name has; never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
