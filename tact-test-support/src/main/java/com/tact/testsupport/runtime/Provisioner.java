package com.tact.testsupport.runtime;

import java.net.URI;

/** Creates the suite's queues, buckets, topics and bus in an emulator, as cloud/provision.py does. */
interface Provisioner {

    void provision(URI endpoint, String env);
}
