package io.metallb.allocator;

import com.google.common.collect.DiscreteDomain;
import io.metallb.api.net.IpAddress;
import io.metallb.api.net.IpFamily;

/** The addresses of one family as a Guava discrete domain, so range sets coalesce adjacent intervals. */
final class IpDomain extends DiscreteDomain<IpAddress> {

    static final IpDomain V4 = new IpDomain(IpFamily.IPV4);
    static final IpDomain V6 = new IpDomain(IpFamily.IPV6);

    private final IpFamily family;

    private IpDomain(IpFamily family) {
        this.family = family;
    }

    static IpDomain of(IpFamily family) {
        return family == IpFamily.IPV4 ? V4 : V6;
    }

    @Override
    public IpAddress next(IpAddress value) {
        return value.isMax() ? null : value.next();
    }

    @Override
    public IpAddress previous(IpAddress value) {
        return value.high() == 0 && value.low() == 0 ? null : value.previous();
    }

    @Override
    public long distance(IpAddress start, IpAddress end) {
        if (start.compareTo(end) <= 0) {
            long n = start.saturatedCountTo(end);
            return n == Long.MAX_VALUE ? n : n - 1;
        }
        long n = end.saturatedCountTo(start);
        return n == Long.MAX_VALUE ? Long.MIN_VALUE : -(n - 1);
    }

    @Override
    public IpAddress minValue() {
        return new IpAddress(family, 0, 0);
    }

    @Override
    public IpAddress maxValue() {
        return family == IpFamily.IPV4 ? IpAddress.ofV4(-1) : IpAddress.ofV6(-1L, -1L);
    }
}
