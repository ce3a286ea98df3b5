package dev.clickstream.producer.events;

/** What the producer sends: the click-stream sample's clicks, or the basic sample's sensor readings. */
public enum EventType {
    CLICK,
    SENSOR
}
