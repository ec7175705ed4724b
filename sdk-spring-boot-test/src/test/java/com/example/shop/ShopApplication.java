package com.example.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application under test: a full context would also have {@link ShopService} and Boot's auto-configuration. */
@SpringBootApplication
public class ShopApplication {
}
