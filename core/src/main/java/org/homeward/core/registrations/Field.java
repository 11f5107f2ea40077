package org.homeward.core.registrations;

/** The answers a registration cannot be confirmed without, in the order they are asked. */
public enum Field {
    NAME, BIRTH_DATE, SEX, CITIZENSHIP, DOCUMENT_TYPE, DOCUMENT_NUMBER, PHONE, PLACE, DESTINATION, DISTRICT
}
