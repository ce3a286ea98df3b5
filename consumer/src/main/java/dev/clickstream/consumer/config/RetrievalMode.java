package dev.clickstream.consumer.config;

/** How the KCL reads the stream: GetRecords polling (works everywhere) or enhanced fan-out (AWS only). */
public enum RetrievalMode { POLLING, FANOUT }
