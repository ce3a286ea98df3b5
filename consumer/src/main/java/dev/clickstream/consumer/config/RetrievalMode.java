package dev.clickstream.consumer.config;

/** How the KCL reads the stream: GetRecords polling, or enhanced fan-out (SubscribeToShard over HTTP/2). */
public enum RetrievalMode { POLLING, FANOUT }
